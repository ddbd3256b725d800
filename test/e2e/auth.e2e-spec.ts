import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PasswordHasher } from '../../src/auth/password-hasher.js';
import { as, createPerson, createUnit } from '../support/api.js';
import { ROOT_PASSWORD, ROOT_USERNAME, startTestApp, type TestApp } from '../support/test-app.js';

const SECRET = 'e2e-secret-that-is-long-enough-for-hs256-0123456789';
const b64 = (value: object | string) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const sign = (header: object, payload: object, secret = SECRET, hash = 'sha256'): string => {
  const body = `${b64(header)}.${b64(payload)}`;
  return `${body}.${createHmac(hash, secret).update(body).digest('base64url')}`;
};

describe('sign-in and tokens', () => {
  let t: TestApp;
  let personId: string;
  const logs: string[] = [];
  beforeAll(async () => {
    t = await startTestApp({ MINYI_JWT_SECRET: SECRET, MINYI_LOG_LEVEL: 'info', MINYI_LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', MINYI_LOGIN_MAX_FAILURES_PER_ADDRESS: '6' });
    const root = as(t.http, await t.login(ROOT_USERNAME, ROOT_PASSWORD));
    const district = await createUnit(root, { name: '天桥区', kind: 'district' });
    personId = (await createPerson(root, { username: 'wang', unitId: district, role: 'resident', password: 'wang-password-1' })).id;
    for (const u of ['lock.me', 'other.one']) await createPerson(root, { username: u, unitId: district, role: 'resident', password: 'right-password-1' });
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logs.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    logs.length = 0;
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t.close();
  });

  const login = (username: string, password: string, address = '10.0.0.1') =>
    t.http().post('/api/auth/login').set('X-Forwarded-For', address).send({ username, password });

  it('returns a bearer token with its lifetime', async () => {
    const res = await login('wang', 'wang-password-1').expect(200);
    expect(res.body).toEqual({ accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) as string, expiresIn: 28800 });
    const header = JSON.parse(Buffer.from((res.body as { accessToken: string }).accessToken.split('.')[0] as string, 'base64url').toString()) as { alg: string };
    expect(header.alg).toBe('HS256');
  });

  it('answers an unknown user exactly like a wrong password, after the same password work', async () => {
    const hasher = t.app.get(PasswordHasher);
    const dummy = vi.spyOn(hasher, 'verifyAgainstDummy');
    const unknown = await login('nobody.here', 'whatever-password', '10.0.0.2').expect(401);
    const wrong = await login('wang', 'not-the-password', '10.0.0.2').expect(401);
    expect(dummy).toHaveBeenCalledTimes(1);
    const strip = (b: { requestId?: string }) => ({ ...b, requestId: undefined });
    expect(strip(unknown.body as object)).toEqual(strip(wrong.body as object));
    expect(unknown.body).toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('logs failures with the username and address, never the password', async () => {
    await login('wang', 'secret-attempt-xyz', '10.0.0.3').expect(401);
    const line = logs.find((l) => l.includes('sign-in failed'));
    expect(line).toBeDefined();
    expect(JSON.parse(line as string)).toMatchObject({ level: 'warn', username: 'wang', address: '10.0.0.3', reason: 'wrong_password' });
    expect(logs.join('')).not.toContain('secret-attempt-xyz');
  });

  it('locks an account after repeated failures, even for the right password, with Retry-After', async () => {
    for (const address of ['10.1.0.1', '10.1.0.2', '10.1.0.3']) await login('lock.me', 'wrong-password-0', address).expect(401);
    const locked = await login('lock.me', 'right-password-1', '10.1.0.4').expect(429);
    expect(locked.body).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', message: { zh: expect.any(String) as string } });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // other accounts are unaffected
    await login('other.one', 'right-password-1', '10.1.0.4').expect(200);
  });

  it('locks an address that guesses across many accounts, unknown ones included', async () => {
    for (let i = 0; i < 6; i += 1) await login(`guess.${i}`, 'wrong-password-0', '10.2.0.1').expect(401);
    await login('other.one', 'right-password-1', '10.2.0.1').expect(429);
    await login('other.one', 'right-password-1', '10.2.0.2').expect(200);
  });

  it('refuses a missing, malformed, forged, alg=none, other-algorithm or expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: personId, ver: 1, iss: 'minyi', aud: 'minyi-api', iat: now, exp: now + 600 };
    // sanity: a token we craft the same way as the server is accepted
    await t.http().get('/api/me').set('authorization', `Bearer ${sign({ alg: 'HS256', typ: 'JWT' }, claims)}`).expect(200);
    const bad = [
      undefined,
      'Bearer',
      'Bearer not.a.token',
      `Basic ${b64('wang:wang-password-1')}`,
      `Bearer ${sign({ alg: 'HS256', typ: 'JWT' }, claims, 'some-other-secret-some-other-secret-0000')}`,
      `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
      `Bearer ${sign({ alg: 'HS512', typ: 'JWT' }, claims, SECRET, 'sha512')}`,
      `Bearer ${sign({ alg: 'HS256', typ: 'JWT' }, { ...claims, exp: now - 10 })}`,
      `Bearer ${sign({ alg: 'HS256', typ: 'JWT' }, { ...claims, aud: 'someone-else' })}`,
      `Bearer ${sign({ alg: 'HS256', typ: 'JWT' }, { ...claims, ver: 0 })}`,
      `Bearer ${sign({ alg: 'HS256', typ: 'JWT' }, { sub: personId, ver: 1, iss: 'minyi', aud: 'minyi-api', iat: now })}`,
    ];
    for (const authorization of bad) {
      const req = t.http().get('/api/me');
      const res = await (authorization === undefined ? req : req.set('authorization', authorization));
      expect(res.status, String(authorization)).toBe(401);
      expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('refuses bad login input with 400 before any password work', async () => {
    const res = await t.http().post('/api/auth/login').send({ username: ['wang'], password: 1234 }).expect(400);
    const fields = (res.body as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'password']));
  });
});
