import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { removeSqlite, resetPostgres } from '../support/reset-database.js';
import { startTestApp } from '../support/test-app.js';

const collect = () => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
};

describe('administrator CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minyi-cli-'));
  const pgUrl = process.env.MINYI_TEST_DATABASE_URL;
  const sqlite = join(dir, 'cli.sqlite');
  const env = {
    DATABASE_URL: pgUrl !== undefined && pgUrl !== '' ? pgUrl : sqlite,
    MINYI_DATA_DIR: dir,
    MINYI_SCRYPT_N: '1024',
    MINYI_LOG_LEVEL: 'silent',
    MINYI_JWT_SECRET: 'cli-test-secret-cli-test-secret-cli-test',
  };
  const cli = async (argv: string[], input = '') => {
    const out = collect();
    const err = collect();
    const code = await runCli(argv, { stdin: Readable.from([input]), stdout: out.stream, stderr: err.stream }, env);
    return { code, stdout: out.text(), stderr: err.text() };
  };

  beforeAll(async () => {
    if (pgUrl !== undefined && pgUrl !== '') await resetPostgres(pgUrl);
  });
  afterAll(() => {
    removeSqlite(sqlite);
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints usage for help, and for no or an unknown command with exit code 2', async () => {
    expect(await cli(['help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('create-admin <username>') as string });
    expect((await cli([])).code).toBe(2);
    const unknown = await cli(['drop-everything']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "drop-everything"');
  });

  it('runs the migrations once', async () => {
    expect(await cli(['migrate'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Applied InitialSchema') as string });
    expect(await cli(['migrate'])).toMatchObject({ code: 0, stdout: 'No pending migrations.\n' });
  });

  it('creates an administrator from a piped password, and refuses a duplicate', async () => {
    expect(await cli(['create-admin', 'ops.admin', '--name', '运维管理员'], 'ops-password-123\n')).toMatchObject({ code: 0 });
    const again = await cli(['create-admin', 'ops.admin'], 'ops-password-123\n');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists already');
  });

  it('explains bad arguments and short passwords without changing anything', async () => {
    expect(await cli(['create-admin'])).toMatchObject({ code: 2, stderr: expect.stringContaining('missing <username>') as string });
    expect(await cli(['create-admin', 'Not Valid'], 'ops-password-123\n')).toMatchObject({ code: 2 });
    expect(await cli(['reset-password', 'ops.admin'], 'short\n')).toMatchObject({ code: 1, stderr: expect.stringContaining('10–128') as string });
    expect(await cli(['reset-password', 'nobody.at.all'], 'long-enough-pass\n')).toMatchObject({ code: 1, stderr: expect.stringContaining('no person') as string });
    expect(await cli(['migrate'], '')).toMatchObject({ code: 0 });
  });

  it('a bad environment variable stops it with a message naming the variable', async () => {
    const out = collect();
    const err = collect();
    const code = await runCli(['migrate'], { stdin: Readable.from(['']), stdout: out.stream, stderr: err.stream }, { ...env, MINYI_SCRYPT_N: 'lots' });
    expect(code).toBe(1);
    expect(err.text()).toContain('MINYI_SCRYPT_N');
  });

  it('the new administrator and a reset password work against the server; the demo loads once', async () => {
    expect(await cli(['reset-password', 'ops.admin'], 'new-ops-password-9\n')).toMatchObject({ code: 0 });
    const demo = await cli(['load-demo']);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('demo.admin');
    expect((await cli(['load-demo'])).code).toBe(1);
    // the server on the same database: the CLI's work is there
    const t = await startTestApp({ ...env, MINYI_ADMIN_USERNAME: 'ops.admin', MINYI_ADMIN_PASSWORD: 'ignored-since-exists' }, { reset: false });
    try {
      const token = await t.login('ops.admin', 'new-ops-password-9');
      const me = await t.http().get('/api/me').set('authorization', `Bearer ${token}`).expect(200);
      expect(me.body).toMatchObject({ person: { name: '运维管理员' }, roles: [{ role: 'admin', unitId: null }] });
      const units = await t.http().get('/api/units?kind=district').set('authorization', `Bearer ${token}`).expect(200);
      expect(units.body).toMatchObject({ total: 1, items: [{ name: '天桥区' }] });
    } finally {
      await t.close();
    }
  });
});
