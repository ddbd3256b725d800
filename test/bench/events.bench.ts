/**
 * `npm run bench:events` — accepted events per second through the whole HTTP stack, against the
 * raw SQLite limit. Not a test: it is never run by `npm test` or CI. docs/performance.md explains
 * what it measures and records a run.
 *
 * 1. Starts the built server (`node dist/src/main.js`) as a child process on a fresh SQLite file in
 *    a temporary directory (demo off, administrator from the environment, cheap scrypt, quiet logs).
 * 2. Over HTTP: an organisation (district → sub-district → open community), one council clerk per
 *    client, and `clients × casesPerClient` five-step cases, each accepted as a topic (so it sits in
 *    `research`, where `research.addFinding` can be sent forever).
 * 3. `clients` concurrent clients (one keep-alive connection each) send `research.addFinding` to
 *    their own cases, round-robin, no If-Match, for a warm-up and then the measured time.
 * 4. Stops the server and checks its database: every 200 has its audit entry; a few chains verify.
 * 5. The raw limit on a separate fresh file: the same UPDATE + INSERT with better-sqlite3 directly.
 * 6. The HTTP floor: Fastify alone (no NestJS, auth, validation or database) answering the same
 *    requests with one of the server's answers, driven by the same load generator; then the
 *    ceiling of this machine for each — two cores shared by server and load generator.
 *
 * Options (flag or environment): --duration=20 (BENCH_DURATION), --warmup=3 (BENCH_WARMUP),
 * --clients=32 (BENCH_CLIENTS), --cases-per-client=4 (BENCH_CASES_PER_CLIENT),
 * --raw-seconds=5 (BENCH_RAW_SECONDS), --floor-seconds=5 (BENCH_FLOOR_SECONDS; 0 skips the HTTP
 * floor), --log-level=warn (BENCH_LOG_LEVEL),
 * --cpu-prof=DIR (BENCH_CPU_PROF: write a V8 CPU profile of the server there),
 * --keep (BENCH_KEEP: leave the temporary directory for inspection),
 * --server-root=DIR (BENCH_SERVER_ROOT: run the server built in another checkout, e.g. an older
 * commit, to compare before and after; default this repository).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, release, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { JsonClient } from './http-client.js';
import { RawLimit, type RawResult } from './raw-sqlite.js';
import { startHttpFloor, startServer, freePort, type RunningServer } from './server.js';
import { fmt, fmtInt, percentile, Samples } from './stats.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ADMIN = { username: 'bench.admin', password: 'bench-admin-password' };
const CLERK_PASSWORD = 'bench-clerk-password';
const TARGET = { eventsPerSecond: 3000, p99Ms: 50 };

const option = (name: string, env: string, fallback: string): string => {
  const flag = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (flag !== undefined) return flag.includes('=') ? flag.slice(flag.indexOf('=') + 1) : 'true';
  return process.env[env] ?? fallback;
};
const numberOption = (name: string, env: string, fallback: number, min: number): number => {
  const value = Number(option(name, env, String(fallback)));
  if (!Number.isFinite(value) || value < min) throw new Error(`--${name} (${env}) must be a number ≥ ${min}`);
  return value;
};

const options = {
  durationS: numberOption('duration', 'BENCH_DURATION', 20, 1),
  warmupS: numberOption('warmup', 'BENCH_WARMUP', 3, 0),
  clients: Math.floor(numberOption('clients', 'BENCH_CLIENTS', 32, 1)),
  casesPerClient: Math.floor(numberOption('cases-per-client', 'BENCH_CASES_PER_CLIENT', 4, 1)),
  rawSeconds: numberOption('raw-seconds', 'BENCH_RAW_SECONDS', 5, 1),
  floorSeconds: numberOption('floor-seconds', 'BENCH_FLOOR_SECONDS', 5, 0),
  logLevel: option('log-level', 'BENCH_LOG_LEVEL', 'warn'),
  cpuProf: option('cpu-prof', 'BENCH_CPU_PROF', ''),
  keep: option('keep', 'BENCH_KEEP', 'false') === 'true',
  serverRoot: resolve(option('server-root', 'BENCH_SERVER_ROOT', REPO)),
};

/** CPU seconds (user + system) a process has used so far; Linux /proc, undefined elsewhere. */
const cpuSecondsOf = (pid: number | undefined): number | undefined => {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // after "pid (comm) ": state is field 0, utime field 11, stime field 12, in clock ticks (100/s)
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
};
/** CPU seconds the whole machine has been busy so far (all processes, all cores); Linux /proc. */
const machineCpuSeconds = (): number | undefined => {
  try {
    const [user, nice, system, , , irq, softirq, steal] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / 100;
  } catch {
    return undefined;
  }
};
const ownCpuSeconds = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

/** The checked-out commit of a repository, and whether its tracked files differ from it. */
const commitOf = (root: string): string => {
  try {
    const head = execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['-C', root, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} with uncommitted changes` : head;
  } catch {
    return 'unknown';
  }
};

interface Client {
  readonly http: JsonClient;
  readonly cases: string[];
}

const FINDING = { type: 'research.addFinding', payload: { summary: '走访居民，记录对日间照料中心的意见（基准测试）' } };

/** Builds the organisation, the clerks and their cases; returns one client per clerk. */
const setUp = async (port: number): Promise<Client[]> => {
  const root = new JsonClient(port);
  const { accessToken } = await root.expect<{ accessToken: string }>(200, '/api/auth/login', ADMIN);
  root.withToken(accessToken);
  const unit = async (body: Record<string, unknown>) => (await root.expect<{ id: string }>(201, '/api/units', { households: 1200, adultPopulation: 2600, ...body })).id;
  const district = await unit({ name: '天桥区', kind: 'district' });
  const subdistrict = await unit({ name: '北坦街道', kind: 'subdistrict', parentId: district });
  const community = await unit({ name: '翡翠郡社区', kind: 'community', parentId: subdistrict, communityType: 'open' });
  root.close();

  return Promise.all(
    Array.from({ length: options.clients }, async (_, n) => {
      const admin = new JsonClient(port, accessToken);
      const username = `bench.clerk${String(n).padStart(3, '0')}`;
      const person = await admin.expect<{ id: string }>(201, '/api/people', { name: `书记员${n}`, username, password: CLERK_PASSWORD, unitId: community });
      await admin.expect(201, `/api/people/${person.id}/roles`, { role: 'council_clerk', unitId: community });
      admin.close();
      const http = new JsonClient(port);
      const login = await http.expect<{ accessToken: string }>(200, '/api/auth/login', { username, password: CLERK_PASSWORD });
      http.withToken(login.accessToken);
      const cases: string[] = [];
      for (let i = 0; i < options.casesPerClient; i++) {
        const created = await http.expect<{ id: string }>(201, '/api/cases', {
          procedure: 'five-step',
          unitId: community,
          title: `基准议题 ${n}-${i}：引入专业机构运营日间照料中心`,
          description: '老年居民希望改善日间照料服务，由议事会书记员提出并受理。',
        });
        await http.expect(200, `/api/cases/${created.id}/events`, { type: 'topic.accept', payload: {} });
        cases.push(created.id);
      }
      return { http, cases };
    }),
  );
};

interface LoadResult {
  accepted: number;
  seconds: number;
  latencies: Samples;
  errors: Map<string, number>;
  serverCpu?: number;
  benchCpu: number;
  /** Cores used by everything else on the machine during the run: noise, if well above 0. */
  otherCpu?: number;
}

/** The body of one 200 answer of the server (the HTTP floor answers with it). */
let sampleAnswer: unknown;

/** Every client sends findings to its cases, round-robin, one request at a time, until `seconds` pass. */
const drive = async (clients: readonly Client[], seconds: number, server: RunningServer, record: boolean): Promise<LoadResult> => {
  const latencies = new Samples();
  const errors = new Map<string, number>();
  let accepted = 0;
  const serverCpu0 = cpuSecondsOf(server.child.pid);
  const benchCpu0 = ownCpuSeconds();
  const machineCpu0 = machineCpuSeconds();
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    clients.map(async (client) => {
      let next = 0;
      while (performance.now() < end) {
        const id = client.cases[next++ % client.cases.length] as string;
        try {
          const answer = await client.http.post(`/api/cases/${id}/events`, FINDING);
          if (answer.status === 200) {
            accepted += 1;
            sampleAnswer ??= answer.body;
            if (record) latencies.push(answer.ms);
          } else {
            const key = String(answer.status);
            errors.set(key, (errors.get(key) ?? 0) + 1);
          }
        } catch (error) {
          const key = `network: ${(error as { code?: string }).code ?? (error as Error).message}`;
          errors.set(key, (errors.get(key) ?? 0) + 1);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const serverCpu1 = cpuSecondsOf(server.child.pid);
  const machineCpu1 = machineCpuSeconds();
  const benchCpu = (ownCpuSeconds() - benchCpu0) / elapsed;
  const serverCpu = serverCpu0 !== undefined && serverCpu1 !== undefined ? (serverCpu1 - serverCpu0) / elapsed : undefined;
  const machineCpu = machineCpu0 !== undefined && machineCpu1 !== undefined ? (machineCpu1 - machineCpu0) / elapsed : undefined;
  return {
    accepted,
    seconds: elapsed,
    latencies,
    errors,
    benchCpu,
    ...(serverCpu !== undefined ? { serverCpu } : {}),
    ...(serverCpu !== undefined && machineCpu !== undefined ? { otherCpu: Math.max(0, machineCpu - serverCpu - benchCpu) } : {}),
  };
};

/** After the server stopped: the findings on record, and a few chains verified offline by the server's own verifier. */
const countFindings = (databasePath: string): number => {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return Number((db.prepare("SELECT COUNT(*) AS n FROM audit_entries WHERE event_type = 'research.addFinding'").get() as { n: number }).n);
  } finally {
    db.close();
  }
};

/** CPU µs per answered request of the server and of the load generator in a run. */
const perRequest = (r: LoadResult): { server?: number; generator: number } => ({
  ...(r.serverCpu === undefined ? {} : { server: (r.serverCpu * r.seconds * 1e6) / r.accepted }),
  generator: (r.benchCpu * r.seconds * 1e6) / r.accepted,
});

/**
 * Section 6: Fastify alone on the same requests and connections, then what two cores allow each —
 * server and load generator share them, so even a server spread perfectly over both cores answers
 * at most 2 cores / (its CPU + the generator's CPU per request).
 */
const httpFloor = async (dir: string, caseIds: readonly string[][], minyi: LoadResult, answer: unknown): Promise<void> => {
  const port = await freePort();
  const floor = await startHttpFloor({ repoRoot: options.serverRoot, dir, port, answer, startTimeoutMs: 30_000 });
  // the same headers as the clerks send: a bearer token of a JWT's length (nobody checks it here)
  const token = randomBytes(150).toString('base64url');
  const clients = caseIds.map((cases) => ({ http: new JsonClient(port, token), cases }));
  let result: LoadResult;
  try {
    await drive(clients, 1, floor, false);
    result = await drive(clients, options.floorSeconds, floor, true);
  } finally {
    clients.forEach((c) => c.http.close());
    await floor.stop();
  }
  const sorted = result.latencies.sorted();
  const errors = result.errors.size === 0 ? 'none' : [...result.errors].map(([k, v]) => `${k}: ${fmtInt(v)}`).join(', ');
  const bytes = Buffer.byteLength(JSON.stringify(answer));
  console.log('');
  console.log(`HTTP floor (Fastify alone, the server's version and defaults: JSON body parsed, one of the server's answers — ${fmtInt(bytes)} bytes — serialised; no NestJS, auth, validation or database):`);
  console.log(`  answered     ${fmtInt(result.accepted)} requests in ${fmt(result.seconds, 2)} s = ${fmtInt(result.accepted / result.seconds)} requests/s · errors ${errors}`);
  console.log(`  latency      p50 ${fmt(percentile(sorted, 50))} ms · p99 ${fmt(percentile(sorted, 99))} ms`);
  console.log(
    `  cpu          server ${result.serverCpu === undefined ? 'n/a' : `${fmt(result.serverCpu, 2)} cores`} · load generator ${fmt(result.benchCpu, 2)} cores · other processes ${result.otherCpu === undefined ? 'n/a' : `${fmt(result.otherCpu, 2)} cores`}${(result.otherCpu ?? 0) > 0.1 ? ' ⚠ not quiet' : ''}`,
  );
  const floorCost = perRequest(result);
  const minyiCost = perRequest(minyi);
  if (floorCost.server !== undefined) console.log(`  server cpu   ${fmtInt(floorCost.server)} µs per request · load generator ${fmtInt(floorCost.generator)} µs per request`);
  const cores = cpus().length;
  const ceiling = (c: { server?: number; generator: number }) => (c.server === undefined ? 'n/a' : fmtInt((cores * 1e6) / (c.server + c.generator)));
  console.log('');
  console.log(`ceiling of this machine (${cores} cores shared by the server and the load generator; a server using every core perfectly):`);
  console.log(`  minyi          ${cores} × 1,000,000 µs / (${minyiCost.server === undefined ? 'n/a' : fmtInt(minyiCost.server)} µs server + ${fmtInt(minyiCost.generator)} µs load generator) ≈ ${ceiling(minyiCost)} events/s`);
  console.log(`  Fastify alone  ${cores} × 1,000,000 µs / (${floorCost.server === undefined ? 'n/a' : fmtInt(floorCost.server)} µs server + ${fmtInt(floorCost.generator)} µs load generator) ≈ ${ceiling(floorCost)} requests/s`);
  if (floorCost.server !== undefined) {
    const budget = (cores * 1e6) / TARGET.eventsPerSecond - minyiCost.generator - floorCost.server;
    console.log(`  so ${fmtInt(TARGET.eventsPerSecond)} events/s leaves ${fmtInt(budget)} µs of CPU per event for everything but Fastify (auth, validation, engine, audit hash, SQLite, the answer), now ${minyiCost.server === undefined ? 'n/a' : fmtInt(minyiCost.server - floorCost.server)} µs`);
  }
};

const main = async (): Promise<number> => {
  const dir = mkdtempSync(join(tmpdir(), 'minyi-bench-'));
  const databasePath = join(dir, 'bench.sqlite');
  let server: RunningServer | undefined;
  let clients: Client[] = [];
  const cleanUp = async () => {
    clients.forEach((c) => c.http.close());
    clients = [];
    if (server) await server.stop();
    server = undefined;
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  };
  const interrupted = () => {
    process.stderr.write('\ninterrupted: stopping the server and removing the temporary files\n');
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    console.log(`minyi bench:events — ${new Date().toISOString()}`);
    console.log(`machine   ${cpus().length} × ${cpu}, Linux ${release()}, Node ${process.version}, temp dir ${dir}`);
    console.log(`server    ${options.serverRoot === REPO ? 'this checkout' : `built in ${options.serverRoot}`}, commit ${commitOf(options.serverRoot)}`);
    const port = await freePort();
    try {
      server = await startServer({
        repoRoot: options.serverRoot,
        dir,
        port,
        databasePath,
        adminUsername: ADMIN.username,
        adminPassword: ADMIN.password,
        jwtSecret: randomBytes(32).toString('hex'),
        logLevel: options.logLevel,
        nodeArgs: options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${resolve(options.cpuProf)}`] : [],
        startTimeoutMs: 60_000,
      });
    } catch (error) {
      process.stderr.write(`bench: the server failed to start: ${(error as Error).message}\n`);
      return 1;
    }
    const setupStarted = performance.now();
    clients = await setUp(port);
    const caseCount = clients.reduce((n, c) => n + c.cases.length, 0);
    console.log(
      `setup     ${options.clients} clerks, ${caseCount} five-step cases in research (${fmt((performance.now() - setupStarted) / 1000)} s); server log level ${options.logLevel}`,
    );
    console.log(`load      ${options.clients} clients × 1 keep-alive connection, POST /api/cases/:id/events research.addFinding, no If-Match`);
    console.log(`          warm-up ${options.warmupS} s (not counted), then ${options.durationS} s measured`);

    const warm = options.warmupS > 0 ? await drive(clients, options.warmupS, server, false) : undefined;
    const clients0 = clients.map((c) => c.cases);
    const load = await drive(clients, options.durationS, server, true);
    clients.forEach((c) => c.http.close());
    const sampleCase = clients[0]?.cases[0];
    const verifier = new JsonClient(port);
    let verified = 'not checked';
    if (sampleCase !== undefined) {
      const { accessToken } = await verifier.expect<{ accessToken: string }>(200, '/api/auth/login', ADMIN);
      const answer = await verifier.withToken(accessToken).get<{ valid: boolean; replayMatches: boolean; entries: number }>(`/api/cases/${sampleCase}/audit/verify`);
      verified = answer.status === 200 && answer.body.valid && answer.body.replayMatches ? `valid, replay matches (${fmtInt(answer.body.entries)} entries)` : `FAILED ${answer.status} ${JSON.stringify(answer.body)}`;
    }
    verifier.close();
    const stoppedCleanly = await server.stop();
    server = undefined;

    const sent = (warm?.accepted ?? 0) + load.accepted;
    const onRecord = countFindings(databasePath);
    const sorted = load.latencies.sorted();
    const rate = load.accepted / load.seconds;
    const p50 = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    const errorText = load.errors.size === 0 ? 'none' : [...load.errors].map(([k, v]) => `${k}: ${fmtInt(v)}`).join(', ');

    console.log('');
    console.log('HTTP (whole stack: Fastify, auth, validation, engine, audit hash, group commit)');
    console.log(`  accepted     ${fmtInt(load.accepted)} events in ${fmt(load.seconds, 2)} s = ${fmtInt(rate)} events/s`);
    console.log(`  latency      p50 ${fmt(p50)} ms · p90 ${fmt(percentile(sorted, 90))} ms · p99 ${fmt(p99)} ms · max ${fmt(sorted.at(-1) ?? Number.NaN)} ms`);
    console.log(`  errors       ${errorText}`);
    console.log(
      `  cpu          server ${load.serverCpu === undefined ? 'n/a' : `${fmt(load.serverCpu, 2)} cores`} · load generator ${fmt(load.benchCpu, 2)} cores · other processes ${load.otherCpu === undefined ? 'n/a' : `${fmt(load.otherCpu, 2)} cores`}${(load.otherCpu ?? 0) > 0.1 ? '  ⚠ the machine was not quiet: figures are low' : ''}`,
    );
    if (load.serverCpu !== undefined && load.accepted > 0) {
      // CPU time per event is steadier than events/s when other processes share the machine
      console.log(`  server cpu   ${fmtInt((load.serverCpu * load.seconds * 1e6) / load.accepted)} µs per accepted event (so at most ${fmtInt(load.accepted / (load.serverCpu * load.seconds))} events/s on one busy core)`);
    }
    console.log(`  durability   ${fmtInt(onRecord)} findings in the database after shutdown for ${fmtInt(sent)} acknowledged (warm-up included) ${onRecord === sent ? '✓' : '✗'}`);
    console.log(`  audit chain  case ${sampleCase ?? '-'}: ${verified}`);
    console.log(`  server       ${stoppedCleanly ? 'stopped cleanly on SIGTERM' : 'did NOT stop cleanly'}`);

    const raw = new RawLimit(databasePath, join(dir, 'raw.sqlite'));
    const raws: RawResult[] = [];
    const rawMachine0 = machineCpuSeconds();
    const rawOwn0 = ownCpuSeconds();
    const rawStarted = performance.now();
    try {
      raws.push(raw.run('1 event per transaction', 1, options.rawSeconds));
      raws.push(raw.run(`${options.clients} events per transaction`, options.clients, options.rawSeconds));
    } finally {
      raw.close();
    }
    const rawMachine1 = machineCpuSeconds();
    const rawElapsed = (performance.now() - rawStarted) / 1000;
    const rawOther =
      rawMachine0 !== undefined && rawMachine1 !== undefined ? Math.max(0, (rawMachine1 - rawMachine0 - (ownCpuSeconds() - rawOwn0)) / rawElapsed) : undefined;
    console.log('');
    console.log(
      `raw limit (better-sqlite3 directly, fresh file, WAL, synchronous=FULL, one thread; other processes ${rawOther === undefined ? 'n/a' : `${fmt(rawOther, 2)} cores`}${(rawOther ?? 0) > 0.1 ? ' ⚠ not quiet' : ''}):`,
    );
    console.log('  UPDATE cases … WHERE id = ? AND version = ?  +  INSERT INTO audit_entries …');
    for (const r of raws) {
      console.log(`  ${r.label.padEnd(26)} ${fmtInt(r.eventsPerSecond).padStart(7)} events/s   (transaction p50 ${fmt(r.p50, 2)} ms, p99 ${fmt(r.p99, 2)} ms; ${fmtInt(r.events)} events in ${fmt(r.seconds, 2)} s)`);
    }
    console.log('');
    console.log('ratio HTTP / raw');
    for (const r of raws) console.log(`  vs ${r.label.padEnd(26)} ${fmt((rate / r.eventsPerSecond) * 100)} %`);
    if (options.floorSeconds > 0 && sampleAnswer !== undefined) await httpFloor(dir, clients0, load, sampleAnswer);
    const met = rate >= TARGET.eventsPerSecond && p99 < TARGET.p99Ms;
    console.log('');
    console.log(`target    ≥ ${fmtInt(TARGET.eventsPerSecond)} accepted events/s with p99 < ${TARGET.p99Ms} ms: ${met ? 'met' : 'MISSED'} (${fmtInt(rate)} events/s, p99 ${fmt(p99)} ms)`);
    if (options.cpuProf) console.log(`profile   ${resolve(options.cpuProf)}`);
    // a lost acknowledged event, a broken chain or a server that crashed is a failure, not a figure
    return onRecord === sent && verified.startsWith('valid') && stoppedCleanly ? 0 : 1;
  } finally {
    await cleanUp();
  }
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
