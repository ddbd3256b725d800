import { DataSource } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { AppConfig } from '../../src/config/app-config.js';
import { Clock, type ManualClock } from '../../src/timers/clock.js';
import { buildCaseOrg } from '../support/case-org.js';
import { approve, currentNoticeId, fiveStepAtStudy, freshAddress, objectionRows } from '../support/notice-case.js';
import { removeSqlite } from '../support/reset-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The defences against abuse are kept in the database, not in one process's memory: the
 * objection form's per-address limit and the sign-in throttle survive a restart, and with several
 * instances on one PostgreSQL every instance counts the same attempts and accepts a form token once.
 */
const env = { MINYI_MANUAL_CLOCK: '2026-05-01T00:00:00.000Z', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test' };

const attempt = (app: TestApp, noticeId: string, from: string, body: Record<string, unknown>) =>
  app.http().post(`/api/public/notices/${noticeId}/objections`).set('X-Forwarded-For', from).send({ name: '王五', contact: '13800000000', ...body });

const formOf = async (app: TestApp, noticeId: string): Promise<string> =>
  ((await app.http().get(`/api/public/notices/${noticeId}/objection-form`).expect(200)).body as { formToken: string }).formToken;

describe('abuse defences shared through the database', () => {
  it('the objection limit and the sign-in throttle survive a restart: attempts before it count after it', async () => {
    const first = await startTestApp(env);
    const database = first.app.get(AppConfig).database;
    const org = await buildCaseOrg(first);
    const caseId = await fiveStepAtStudy(first, org);
    await approve(org, caseId);
    const noticeId = await currentNoticeId(first.app.get(DataSource), caseId);
    const from = freshAddress();
    for (let i = 0; i < 10; i += 1) expect((await attempt(first, noticeId, from, { text: `t${i}`, formToken: 'bad' })).status).toBe(400);
    for (let i = 0; i < 5; i += 1) expect((await first.http().post('/api/auth/login').set('X-Forwarded-For', freshAddress()).send({ username: 'clerk.li', password: 'wrong' })).status).toBe(401);
    await first.app.close();

    const second = await startTestApp({ ...env, ...(database.type === 'sqlite' ? { DATABASE_URL: database.path } : {}) }, { reset: false });
    try {
      const limited = await attempt(second, noticeId, from, { text: 't', formToken: 'bad' });
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({ code: 'OBJECTION_RATE_LIMITED', message: { zh: expect.any(String) as string, en: expect.any(String) as string } });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // another address is not affected; an hour later the address may try again
      expect((await attempt(second, noticeId, freshAddress(), { text: 't', formToken: 'bad' })).status).toBe(400);
      // the sign-in throttle likewise: failures before the restart still count after it
      const signIn = () => second.http().post('/api/auth/login').set('X-Forwarded-For', freshAddress()).send({ username: 'clerk.li', password: 'password-1234' });
      expect((await signIn()).status).toBe(429);
      // an hour later (engine clock) the address may object again and the account sign in
      second.app.get<Clock, ManualClock>(Clock).advance(60 * 60 * 1000 + 1);
      expect((await attempt(second, noticeId, from, { text: 't', formToken: 'bad' })).status).toBe(400);
      expect((await signIn()).status).toBe(200);
    } finally {
      await second.close();
      if (database.type === 'sqlite') removeSqlite(database.path);
    }
  });
});

describe.skipIf(!process.env.MINYI_TEST_DATABASE_URL)('abuse defences with several instances on one PostgreSQL database', () => {
  it('every instance counts the same attempts, and a form token carries one objection whichever instance it reaches', async () => {
    // the instances of one installation share its secret (form tokens are signed with a key derived from it)
    const shared = { ...env, MINYI_JWT_SECRET: 'a'.repeat(64) };
    const a = await startTestApp(shared);
    const b = await startTestApp(shared, { reset: false });
    try {
      const org = await buildCaseOrg(a);
      const caseId = await fiveStepAtStudy(a, org);
      await approve(org, caseId);
      const noticeId = await currentNoticeId(a.app.get(DataSource), caseId);

      // ten attempts alternating between the instances, then each refuses the eleventh
      const from = freshAddress();
      for (let i = 0; i < 10; i += 1) expect((await attempt(i % 2 === 0 ? a : b, noticeId, from, { text: `t${i}`, formToken: 'bad' })).status).toBe(400);
      expect((await attempt(a, noticeId, from, { text: 't', formToken: 'bad' })).status).toBe(429);
      expect((await attempt(b, noticeId, from, { text: 't', formToken: 'bad' })).status).toBe(429);

      // a form from instance a, used on a, is refused on b
      const token = await formOf(a, noticeId);
      for (const app of [a, b]) app.app.get<Clock, ManualClock>(Clock).advance(6_000);
      expect((await attempt(a, noticeId, freshAddress(), { text: '第一条异议', formToken: token })).status).toBe(201);
      const replayed = await attempt(b, noticeId, freshAddress(), { text: '换一条文字再提交', formToken: token });
      expect(replayed.status).toBe(400);
      expect(replayed.body).toMatchObject({ code: 'OBJECTION_FORM_INVALID', details: { reason: 'used' } });

      // the same form sent to both instances at once: exactly one objection
      const raced = await formOf(b, noticeId);
      for (const app of [a, b]) app.app.get<Clock, ManualClock>(Clock).advance(6_000);
      const answers = await Promise.all([
        attempt(a, noticeId, freshAddress(), { text: '同时提交甲', formToken: raced }),
        attempt(b, noticeId, freshAddress(), { text: '同时提交乙', formToken: raced }),
      ]);
      expect(answers.map((r) => r.status).sort()).toEqual([201, 400]);
      expect(await objectionRows(a.app.get(DataSource), noticeId)).toHaveLength(2);
      expect((await org.people.supervisor.caller.get(`/api/cases/${caseId}/audit/verify`).expect(200)).body).toMatchObject({ valid: true, replayMatches: true });

      // sign-in failures: five on the account (the default limit), alternating instances, lock it on both
      const signIn = (app: TestApp, password: string) => app.http().post('/api/auth/login').set('X-Forwarded-For', freshAddress()).send({ username: 'clerk.li', password });
      for (let i = 0; i < 5; i += 1) expect((await signIn(i % 2 === 0 ? a : b, 'wrong-password')).status).toBe(401);
      expect((await signIn(a, 'password-1234')).body).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
      expect((await signIn(b, 'password-1234')).status).toBe(429);
    } finally {
      await b.app.close();
      await a.close();
    }
  });
});
