import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released for the server to take). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

export interface ServerOptions {
  readonly repoRoot: string;
  readonly dir: string;
  readonly port: number;
  readonly databasePath: string;
  readonly adminUsername: string;
  readonly adminPassword: string;
  readonly jwtSecret: string;
  readonly logLevel: string;
  /** Extra node flags for the server, e.g. `--cpu-prof --cpu-prof-dir=…` when profiling. */
  readonly nodeArgs: readonly string[];
  readonly startTimeoutMs: number;
}

export interface RunningServer {
  readonly child: ChildProcess;
  /**
   * Sends SIGTERM (graceful: Nest closes HTTP, TypeORM closes SQLite, then re-raises the signal),
   * SIGKILL after 10 s. Resolves true when the server ended by that SIGTERM or with code 0.
   */
  stop(): Promise<boolean>;
}

/**
 * Starts the built server (`dist/src/main.js`) as a child process, exactly as `npm start` runs it,
 * on its own database and data dir, and waits for `/health` to answer 200. Rejects — after
 * killing the child — if it exits or does not answer in time.
 */
export const startServer = async (options: ServerOptions): Promise<RunningServer> => {
  const main = join(options.repoRoot, 'dist', 'src', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: build first (npm run build:server)`);
  // Nothing from the caller's shell may leak in: minyi refuses unknown MINYI_* variables.
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('MINYI_') && !['DATABASE_URL', 'PORT', 'NODE_ENV', 'NODE_OPTIONS'].includes(key)) env[key] = value;
  }
  Object.assign(env, {
    NODE_ENV: 'production',
    PORT: String(options.port),
    DATABASE_URL: options.databasePath,
    MINYI_DATA_DIR: options.dir,
    MINYI_DEMO: 'false',
    MINYI_SCRYPT_N: '1024',
    MINYI_LOG_LEVEL: options.logLevel,
    MINYI_JWT_SECRET: options.jwtSecret,
    MINYI_ADMIN_USERNAME: options.adminUsername,
    MINYI_ADMIN_PASSWORD: options.adminPassword,
  });
  return spawnAndWait(spawn(process.execPath, [...options.nodeArgs, main], { cwd: options.dir, env, stdio: ['ignore', 'pipe', 'pipe'] }), options.port, options.startTimeoutMs);
};

/** Waits for a spawned server to answer `/health` with 200; kills it and rejects if it exits or does not answer in time. */
const spawnAndWait = async (child: ChildProcess, port: number, startTimeoutMs: number): Promise<RunningServer> => {
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    }),
  );
  let stopping = false;
  const clean = () => exited !== undefined && stopping && (exited.code === 0 || exited.signal === 'SIGTERM');

  const stop = async (): Promise<boolean> => {
    if (exited) return clean();
    stopping = true;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exit;
    clearTimeout(timer);
    return clean();
  };

  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exited) throw new Error(`the server exited (code ${exited.code}, signal ${exited.signal}) before answering /health:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer /health within ${startTimeoutMs} ms:\n${output}`);
    }
    const healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (healthy) return { child, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/**
 * The HTTP floor: Fastify alone — the version the server runs, default options, no logger — on
 * `port`, answering `POST /api/cases/:id/events` with `answer` (serialised by Fastify on every
 * request, as the server serialises its own) after Fastify has parsed the JSON body; nothing else:
 * no NestJS, no authentication, no validation, no database. What any server on this stack spends
 * per request at least, measured with the same load generator.
 */
export const startHttpFloor = (options: { repoRoot: string; dir: string; port: number; answer: unknown; startTimeoutMs: number }): Promise<RunningServer> => {
  const script = `
const app = require(process.env.FLOOR_FASTIFY)({ logger: false });
const answer = JSON.parse(process.env.FLOOR_ANSWER);
app.get('/health', (request, reply) => { reply.send({ status: 'ok' }); });
app.post('/api/cases/:id/events', (request, reply) => { reply.send(answer); });
process.once('SIGTERM', () => { app.close().then(() => process.exit(0)); });
app.listen({ port: Number(process.env.FLOOR_PORT), host: '127.0.0.1' }).catch((error) => { console.error(error); process.exit(1); });
`;
  const fastify = createRequire(join(options.repoRoot, 'package.json')).resolve('fastify');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, FLOOR_FASTIFY: fastify, FLOOR_PORT: String(options.port), FLOOR_ANSWER: JSON.stringify(options.answer) };
  return spawnAndWait(spawn(process.execPath, ['-e', script], { cwd: options.dir, env, stdio: ['ignore', 'pipe', 'pipe'] }), options.port, options.startTimeoutMs);
};
