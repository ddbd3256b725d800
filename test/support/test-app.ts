import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request, { type Agent } from 'supertest';
import { createApp } from '../../src/app.factory.js';
import { assertInsideTests, removeSqlite, resetPostgres } from './reset-database.js';

export const ROOT_USERNAME = 'root.admin';
export const ROOT_PASSWORD = 'root-password-for-tests';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly http: () => Agent;
  readonly databaseType: 'sqlite' | 'postgres';
  /** Signs in and returns the bearer token (fails the test on anything but 200). */
  login(username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Boots the whole AppModule once for a test file: on MINYI_TEST_DATABASE_URL (PostgreSQL, reset
 * first unless `reset: false`) when set, else on a fresh temporary SQLite file (or the
 * DATABASE_URL given in `env`). Demo off, cheap scrypt, quiet logs.
 */
export const startTestApp = async (env: Record<string, string> = {}, { reset = true }: { reset?: boolean } = {}): Promise<TestApp> => {
  assertInsideTests();
  const dir = mkdtempSync(join(tmpdir(), 'minyi-e2e-'));
  const pgUrl = process.env.MINYI_TEST_DATABASE_URL;
  const sqlitePath = join(dir, 'test.sqlite');
  if (reset && pgUrl !== undefined && pgUrl !== '') await resetPostgres(pgUrl);
  const saved = { ...process.env };
  Object.assign(process.env, {
    DATABASE_URL: pgUrl !== undefined && pgUrl !== '' ? pgUrl : sqlitePath,
    MINYI_DATA_DIR: dir,
    MINYI_DEMO: 'false',
    MINYI_SCRYPT_N: '1024',
    MINYI_LOG_LEVEL: 'silent',
    MINYI_JWT_SECRET: randomBytes(32).toString('hex'),
    MINYI_ADMIN_USERNAME: ROOT_USERNAME,
    MINYI_ADMIN_PASSWORD: ROOT_PASSWORD,
    MINYI_TRUST_PROXY: 'true',
    ...env,
  });
  let app: NestFastifyApplication;
  try {
    app = await createApp();
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  } finally {
    process.env = saved;
  }
  const http = () => request(app.getHttpServer());
  return {
    app,
    http,
    databaseType: pgUrl !== undefined && pgUrl !== '' ? 'postgres' : 'sqlite',
    async login(username, password) {
      const res = await http().post('/api/auth/login').send({ username, password });
      if (res.status !== 200) throw new Error(`login ${username} → ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as { accessToken: string }).accessToken;
    },
    async close() {
      await app.close();
      removeSqlite(sqlitePath);
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
