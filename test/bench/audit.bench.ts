/**
 * `npm run bench:audit` — how fast an auditor verifies a whole database, and how long a case
 * archive takes to build. Not a test: never run by `npm test` or CI. docs/performance-audit.md
 * explains what it measures and records a run.
 *
 * 1. A SQLite database with `entries` real audit entries (test/bench/audit-data.ts: built with the
 *    engine's pure planners, not over HTTP; signed checkpoints and the key file as the server
 *    keeps them), cached in the temporary directory under a name holding the data version and the
 *    options, so that reruns skip the build (`--rebuild` forces it).
 * 2. `node dist/src/cli/main.js verify --database` as a child process — exactly what an auditor
 *    runs — timed from spawn to exit, `--runs` times; its verdict must be VERIFIED.
 * 3. `node dist/src/cli/main.js archive --case <the big case> --out FILE`, timed, then
 *    `verify --archive FILE` (its verdict is printed; the data have no meeting or notice rows).
 * 4. The floor: on one thread, only the work every full verification must do (read every entry,
 *    hash it, build the tree) — what this stack costs at least on this machine.
 *
 * Each child reports its own peak RSS and CPU time at exit (a preloaded hook, HOOK below);
 * the machine's CPU during each run gives the "other processes" share (the machine is shared).
 *
 * Options (flag or environment): --entries=1000000 (BENCH_ENTRIES), --big-case=1000
 * (BENCH_BIG_CASE), --runs=3 (BENCH_RUNS), --rebuild (BENCH_REBUILD), --keep (BENCH_KEEP: keep
 * this run's scratch directory), --cpu-prof=DIR (BENCH_CPU_PROF: V8 CPU profiles of the verify runs),
 * --server-root=DIR (BENCH_SERVER_ROOT: the CLI built in another checkout, to compare),
 * --floor=false (BENCH_FLOOR: skip step 4).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, release, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDIT_DATA_VERSION, BENCH_ORIGIN, buildAuditData, cachedAuditData, type AuditData, type AuditDataOptions } from './audit-data.js';
import { fmt, fmtInt } from './stats.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/**
 * Preloaded into each CLI run (node --import): at exit, the process's own peak RSS and CPU time
 * (all threads, getrusage) go to BENCH_USAGE_FILE. Nothing else changes.
 */
const HOOK = `data:text/javascript,${encodeURIComponent(`
import { writeFileSync } from 'node:fs';
const file = process.env.BENCH_USAGE_FILE;
if (file) process.on('exit', () => {
  const u = process.resourceUsage();
  writeFileSync(file, JSON.stringify({ maxRssKb: u.maxRSS, cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6 }));
});`)}`;
const TARGET_SECONDS = 10;
const TARGET_ENTRIES = 1_000_000;

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
  entries: Math.floor(numberOption('entries', 'BENCH_ENTRIES', TARGET_ENTRIES, 1000)),
  bigCase: Math.floor(numberOption('big-case', 'BENCH_BIG_CASE', 1000, 15)),
  runs: Math.floor(numberOption('runs', 'BENCH_RUNS', 3, 1)),
  rebuild: option('rebuild', 'BENCH_REBUILD', 'false') === 'true',
  keep: option('keep', 'BENCH_KEEP', 'false') === 'true',
  cpuProf: option('cpu-prof', 'BENCH_CPU_PROF', ''),
  serverRoot: resolve(option('server-root', 'BENCH_SERVER_ROOT', REPO)),
  floor: option('floor', 'BENCH_FLOOR', 'true') !== 'false',
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

interface Run {
  readonly code: number | null;
  readonly seconds: number;
  readonly stdout: string;
  readonly stderr: string;
  /** From the child itself at exit: peak RSS (MB) and CPU seconds (all its threads). */
  readonly peakRssMb?: number;
  readonly cpuSeconds?: number;
  /** Cores used meanwhile by everything but the child and this process. */
  readonly otherCores?: number;
}

/** Runs the built CLI as an auditor would, timed from spawn to exit. */
const cli = (data: AuditData, scratch: string, args: readonly string[], label: string, nodeArgs: readonly string[] = []): Promise<Run> =>
  new Promise((done, fail) => {
    const usageFile = join(scratch, `usage-${label}.json`);
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('MINYI_') && !['DATABASE_URL', 'NODE_OPTIONS'].includes(key)) env[key] = value;
    Object.assign(env, { DATABASE_URL: data.databasePath, MINYI_DATA_DIR: data.dataDir, MINYI_ORIGIN: BENCH_ORIGIN, BENCH_USAGE_FILE: usageFile });
    const machine0 = machineCpuSeconds();
    const own0 = ownCpuSeconds();
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', HOOK, ...nodeArgs, join(options.serverRoot, 'dist', 'src', 'cli', 'main.js'), ...args], { cwd: scratch, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', fail);
    child.once('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const machine1 = machineCpuSeconds();
      let usage: { maxRssKb: number; cpuSeconds: number } | undefined;
      try {
        usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKb: number; cpuSeconds: number };
      } catch {
        usage = undefined;
      }
      const other =
        machine0 !== undefined && machine1 !== undefined && usage !== undefined ? Math.max(0, (machine1 - machine0 - usage.cpuSeconds - (ownCpuSeconds() - own0)) / seconds) : undefined;
      done({
        code,
        seconds,
        stdout,
        stderr,
        ...(usage !== undefined ? { peakRssMb: usage.maxRssKb / 1024, cpuSeconds: usage.cpuSeconds } : {}),
        ...(other !== undefined ? { otherCores: other } : {}),
      });
    });
  });

/**
 * The floor: what every full verification in this stack must compute, and nothing else, on one
 * thread of a child process running the built modules — every entry read (the verifier's query,
 * 18 columns), its entry rebuilt and hashed (payload and states parsed, RFC 8785 text, SHA-256)
 * and compared, and the RFC 9162 tree over all of them (two SHA-256 per entry). No replay, no
 * chain, sequence, case or checkpoint checks, no second read for the tree: a lower bound.
 */
const FLOOR = `
const root = process.env.FLOOR_ROOT;
const { openSqliteAuditSource, fromRawAuditRow } = await import(root + '/dist/src/audit/audit-source.js');
const { entryHash } = await import(root + '/dist/src/audit/entry-hash.js');
const { MerkleStream } = await import(root + '/dist/src/audit/merkle/index.js');
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const source = await openSqliteAuditSource(process.env.FLOOR_DB);
let t = cpu(); let entries = 0;
for await (const batch of source.entries(null)) entries += batch.length;
const read = cpu() - t;
t = cpu(); let mismatches = 0; const hashes = [];
for await (const batch of source.entries(null)) for (const row of batch) { const e = fromRawAuditRow(row); if (entryHash(e) !== e.hash) mismatches += 1; hashes.push(e.hash); }
const readAndHash = cpu() - t;
t = cpu(); const tree = new MerkleStream(); for (const h of hashes) tree.appendEntryHash(h); const rootHash = tree.root().toString('hex');
const treeSeconds = cpu() - t;
await source.close();
console.log(JSON.stringify({ entries, read, hash: readAndHash - read, tree: treeSeconds, mismatches, rootHash }));
`;

interface Floor {
  readonly entries: number;
  readonly read: number;
  readonly hash: number;
  readonly tree: number;
  readonly mismatches: number;
  readonly rootHash: string;
}

const floorOf = (data: AuditData): Promise<Floor> =>
  new Promise((done, fail) => {
    // the verification workers' young generation (database-verification.ts), so garbage collection costs what it costs there
    const child = spawn(process.execPath, ['--max-semi-space-size=128', '--input-type=module', '-e', FLOOR], {
      env: { PATH: process.env.PATH, FLOOR_ROOT: options.serverRoot, FLOOR_DB: data.databasePath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', fail);
    child.once('close', (code) => (code === 0 ? done(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Floor) : fail(new Error(`the floor run failed (exit ${code}): ${stderr}`))));
  });

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const cpuText = (r: Run) =>
  `cpu ${r.cpuSeconds === undefined ? 'n/a' : `${fmt(r.cpuSeconds, 1)} s (${fmt(r.cpuSeconds / r.seconds, 2)} cores)`} · other processes ${r.otherCores === undefined ? 'n/a' : `${fmt(r.otherCores, 2)} cores`}${(r.otherCores ?? 0) > 0.1 ? ' ⚠ not quiet' : ''}`;

const main = async (): Promise<number> => {
  const dataOptions: AuditDataOptions = { entries: options.entries, bigCase: options.bigCase, checkpointEvery: 100_000, concurrent: 200 };
  const cacheDir = join(tmpdir(), `minyi-bench-audit-${AUDIT_DATA_VERSION}-${options.entries}-${options.bigCase}`);
  const scratch = mkdtempSync(join(tmpdir(), 'minyi-bench-audit-run-'));
  const interrupted = () => {
    process.stderr.write('\ninterrupted\n');
    if (!options.keep) rmSync(scratch, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    console.log(`minyi bench:audit — ${new Date().toISOString()}`);
    console.log(`machine   ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Linux ${release()}, Node ${process.version}`);
    if (options.serverRoot !== REPO) console.log(`cli       built in ${options.serverRoot}`);
    let data = options.rebuild ? null : cachedAuditData(cacheDir, dataOptions);
    if (data === null) {
      console.log(`data      building ${fmtInt(options.entries)} entries in ${cacheDir} …`);
      data = await buildAuditData(cacheDir, dataOptions, (line) => console.log(`          ${line}`));
      console.log(`          built in ${fmt(data.buildSeconds, 1)} s`);
    } else {
      console.log(`data      cached ${cacheDir} (built in ${fmt(data.buildSeconds, 1)} s; --rebuild to build again)`);
    }
    console.log(
      `          ${fmtInt(data.entries)} entries in ${fmtInt(data.cases)} five-step cases (${fmtInt(data.closedCases)} closed), one of ${fmtInt(options.bigCase)} entries; ` +
        `${data.checkpoints} signed checkpoints; SQLite ${fmt(statSync(data.databasePath).size / 1e6, 0)} MB`,
    );

    console.log('');
    console.log('verify --database (node dist/src/cli/main.js, child process, spawn to exit)');
    const runs: Run[] = [];
    for (let i = 0; i < options.runs; i++) {
      const nodeArgs = options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${resolve(options.cpuProf)}`] : [];
      const run = await cli(data, scratch, ['verify', '--database'], `verify-${i}`, nodeArgs);
      runs.push(run);
      const verdict = run.code === 0 && run.stdout.includes('验证通过 / VERIFIED') ? 'VERIFIED' : `FAILED (exit ${run.code})`;
      console.log(
        `  run ${i + 1}     ${fmt(run.seconds, 2)} s = ${fmtInt(data.entries / run.seconds)} entries/s · peak RSS ${run.peakRssMb === undefined ? 'n/a' : `${fmt(run.peakRssMb, 0)} MB`} · ${cpuText(run)} · ${verdict}`,
      );
      if (verdict !== 'VERIFIED') {
        process.stderr.write(run.stdout + run.stderr);
        return 1;
      }
    }
    const seconds = median(runs.map((r) => r.seconds));
    const quiet = runs.filter((r) => (r.otherCores ?? 0) <= 0.1);
    console.log(`  median    ${fmt(seconds, 2)} s = ${fmtInt(data.entries / seconds)} entries/s${quiet.length < runs.length ? `  (${runs.length - quiet.length} of ${runs.length} runs on a busy machine)` : ''}`);
    console.log(`  output    ${(runs[0]?.stdout ?? '').trim().split('\n').filter((l) => /^[A-Z✔]/.test(l)).join('\n            ')}`);

    console.log('');
    const zip = join(scratch, 'big-case.zip');
    const archive = await cli(data, scratch, ['archive', '--case', data.bigCaseId, '--out', zip], 'archive');
    if (archive.code !== 0) {
      process.stderr.write(archive.stdout + archive.stderr);
      return 1;
    }
    console.log(`archive --case (${fmtInt(options.bigCase)}-entry case ${data.bigCaseId})`);
    console.log(`  built     ${fmt(archive.seconds, 2)} s · ${fmt(statSync(zip).size / 1e3, 0)} kB zip · peak RSS ${archive.peakRssMb === undefined ? 'n/a' : `${fmt(archive.peakRssMb, 0)} MB`} · ${cpuText(archive)}`);
    const checked = await cli(data, scratch, ['verify', '--archive', zip], 'verify-archive');
    const archiveOutput = `${checked.stdout}${checked.stderr}`;
    const firstProblem = archiveOutput.split('\n').find((l) => l.includes('first problem')) ?? '';
    // informational: the bench's data hold the audit trail only (no meeting or notice rows), which
    // the archive's content checks may ask for; the timing above is what this bench measures
    console.log(`  verified  ${fmt(checked.seconds, 2)} s (verify --archive, offline) · ${checked.code === 0 ? 'VERIFIED' : `not verified (exit ${checked.code}): ${firstProblem.trim()}`}`);
    if (options.floor) {
      const machine0 = machineCpuSeconds();
      const started = performance.now();
      const floor = await floorOf(data);
      const elapsed = (performance.now() - started) / 1000;
      const machine1 = machineCpuSeconds();
      const floorCpu = floor.read + floor.hash + floor.tree;
      const other = machine0 !== undefined && machine1 !== undefined ? Math.max(0, (machine1 - machine0) / elapsed - 1) : undefined;
      const perEntry = (seconds: number) => `${fmt(seconds, 2)} s CPU · ${fmt((seconds * 1e6) / floor.entries, 1)} µs/entry`;
      const cores = cpus().length;
      const verifyCpu = median(runs.flatMap((r) => (r.cpuSeconds === undefined ? [] : [r.cpuSeconds])));
      console.log('');
      console.log(
        `floor (one thread, the built modules: only what every full verification must compute — no replay, no chain, case or checkpoint checks; other processes ${other === undefined ? 'n/a' : `${fmt(other, 2)} cores`}${(other ?? 0) > 0.1 ? ' ⚠ not quiet' : ''})`,
      );
      console.log(`  read      every entry's 18 columns (the verifier's query)              ${perEntry(floor.read)}`);
      console.log(`  hash      entry rebuilt, payload parsed, RFC 8785 text, SHA-256    ${perEntry(floor.hash)}${floor.mismatches === 0 ? '' : ` · ${fmtInt(floor.mismatches)} MISMATCHES`}`);
      console.log(`  tree      RFC 9162 leaves and nodes (two SHA-256 per entry)          ${perEntry(floor.tree)}${floor.rootHash === runs[0]?.stdout.match(/root ([0-9a-f]{64})/)?.[1] ? ', root as verified' : ' · root DIFFERS'}`);
      console.log(
        `  total     ${perEntry(floorCpu)} → at least ${fmt(floorCpu / cores, 2)} s on ${cores} cores used perfectly, before start-up, replay and checks (verify --database: median ${Number.isNaN(verifyCpu) ? 'n/a' : `${fmt(verifyCpu, 1)} s CPU`})`,
      );
    }
    console.log('');
    const scaled = options.entries === TARGET_ENTRIES;
    const met = scaled && seconds < TARGET_SECONDS;
    console.log(
      `target    full verification of ${fmtInt(TARGET_ENTRIES)} entries in < ${TARGET_SECONDS} s: ${scaled ? (met ? 'MET' : 'MISSED') : 'not measured (--entries differs)'} (${fmt(seconds, 2)} s for ${fmtInt(data.entries)})`,
    );
    if (options.cpuProf) console.log(`profile   ${resolve(options.cpuProf)}`);
    return 0;
  } finally {
    if (!options.keep) rmSync(scratch, { recursive: true, force: true });
    else console.log(`kept      ${scratch}`);
  }
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
