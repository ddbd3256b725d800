import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ROLE_NAMES } from '../../workflows/org/roles.js';
import { COMMUNITY_TYPE_NAMES, UNIT_KIND_NAMES } from '../../workflows/org/unit-kinds.js';
import { as } from '../support/api.js';
import { removeSqlite } from '../support/reset-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Boots with MINYI_DEMO on and captures what a person at the console would see. */
const bootCapturing = async (env: Record<string, string>, reset: boolean): Promise<{ t: TestApp; printed: string }> => {
  let printed = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed += String(chunk);
    return true;
  });
  try {
    return { t: await startTestApp(env, { reset }), printed };
  } finally {
    spy.mockRestore();
  }
};

describe('demo organisation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minyi-demo-'));
  const sqlite = join(dir, 'demo.sqlite');
  const env: Record<string, string> = { MINYI_DEMO: 'true', MINYI_LOG_LEVEL: 'info', DATABASE_URL: process.env.MINYI_TEST_DATABASE_URL || sqlite };
  let t: TestApp;
  let printed: string;
  let accounts: { username: string; password: string }[];
  beforeAll(async () => {
    ({ t, printed } = await bootCapturing(env, true));
    accounts = [...printed.matchAll(/^│ ([a-z0-9._-]+)\s+([A-Za-z0-9]{16})\s/gm)].map((m) => ({ username: m[1] as string, password: m[2] as string }));
  });
  afterAll(async () => {
    await t.close();
    removeSqlite(sqlite);
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints one account per role, with passwords, on the console and not in the log', () => {
    expect(accounts.length).toBeGreaterThanOrEqual(ROLE_NAMES.length);
    for (const role of ROLE_NAMES) expect(printed).toMatch(new RegExp(`│ \\S+\\s+\\S+\\s+${role} `));
    const logLines = printed.split('\n').filter((l) => l.startsWith('{'));
    expect(logLines.some((l) => l.includes('demo organisation loaded'))).toBe(true);
    for (const { password } of accounts) expect(logLines.join('\n')).not.toContain(password);
  });

  it('every printed account signs in', async () => {
    for (const { username, password } of accounts) await t.login(username, password);
  });

  it('holds Tianqiao District with every unit kind and every community type', async () => {
    const admin = as(t.http, await t.login('demo.admin', accounts.find((a) => a.username === 'demo.admin')?.password ?? ''));
    const units = ((await admin.get('/api/units?pageSize=100')).body as { items: { name: string; kind: string; communityType: string | null }[] }).items;
    expect(new Set(units.map((u) => u.kind))).toEqual(new Set(UNIT_KIND_NAMES));
    expect(new Set(units.flatMap((u) => (u.communityType === null ? [] : [u.communityType])))).toEqual(new Set(COMMUNITY_TYPE_NAMES));
    expect(units.map((u) => u.name)).toEqual(expect.arrayContaining(['天桥区', '北坦街道', '南村街道', '西社区', '北村街道', '翡翠郡社区', '桑梓店镇']));
  });

  it('the clerk of 翡翠郡社区 sees their community but not the town', async () => {
    const clerk = as(t.http, await t.login('feicuijun.clerk', accounts.find((a) => a.username === 'feicuijun.clerk')?.password ?? ''));
    const names = ((await clerk.get('/api/units?pageSize=100')).body as { items: { name: string }[] }).items.map((u) => u.name);
    expect(names).toContain('翡翠郡社区');
    expect(names).not.toContain('桑梓店镇');
    expect(names).not.toContain('天桥区');
  });

  it('is not loaded or printed again on the next start', async () => {
    await t.app.close();
    const second = await bootCapturing(env, false);
    t = second.t;
    expect(second.printed).not.toContain('password');
    const login = await t.http().post('/api/auth/login').send({ username: 'demo.admin', password: accounts.find((a) => a.username === 'demo.admin')?.password });
    expect(login.status).toBe(200);
    const token = (login.body as { accessToken: string }).accessToken;
    const districts = await t.http().get('/api/units?kind=district').set('authorization', `Bearer ${token}`);
    expect(districts.body).toMatchObject({ total: 1 });
  });
});
