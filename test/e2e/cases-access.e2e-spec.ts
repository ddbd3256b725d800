import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_NAMES, type Role } from '../../workflows/org/roles.js';
import { as, createPerson, createUnit, type Caller } from '../support/api.js';
import { ROOT_PASSWORD, ROOT_USERNAME, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Case routes × every role × a case inside and outside the caller's scope. Each actor holds one
 * role at community C1; the "out" case sits in community C2 of another sub-district. Reading a
 * case in scope: 200; out of scope: 404. Sending `topic.accept`: only the council clerk in scope
 * (200); any other role in scope: 403; out of scope: 404. Opening a case: anyone in scope.
 */
describe('case routes: access matrix', () => {
  let t: TestApp;
  let root: Caller;
  const unit: Record<'in' | 'out', string> = { in: '', out: '' };
  const callers = new Map<Role, Caller>();
  const caseAt: Record<'in' | 'out', string> = { in: '', out: '' };

  const openCase = async (scope: 'in' | 'out') => {
    const res = await root.post('/api/cases', { procedure: 'five-step', unitId: unit[scope], title: '议题', description: '说明' });
    if (res.status !== 201) throw new Error(`open → ${res.status}`);
    return (res.body as { id: string }).id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    root = as(t.http, await t.login(ROOT_USERNAME, ROOT_PASSWORD));
    const district = await createUnit(root, { name: '天桥区', kind: 'district' });
    const s1 = await createUnit(root, { name: '北坦街道', kind: 'subdistrict', parentId: district });
    const s2 = await createUnit(root, { name: '南村街道', kind: 'subdistrict', parentId: district });
    unit.in = await createUnit(root, { name: '翡翠郡社区', kind: 'community', parentId: s1, communityType: 'open' });
    unit.out = await createUnit(root, { name: '西社区', kind: 'community', parentId: s2, communityType: 'open' });
    for (const role of ROLE_NAMES) {
      await createPerson(root, { username: `r.${role.replace(/_/g, '-')}`, unitId: unit.in, role });
      callers.set(role, as(t.http, await t.login(`r.${role.replace(/_/g, '-')}`, 'password-1234')));
    }
    caseAt.in = await openCase('in');
    caseAt.out = await openCase('out');
  });
  afterAll(async () => {
    await t.close();
  });

  const READS: [string, (id: string) => string][] = [
    ['GET /api/cases/:id', (id) => `/api/cases/${id}`],
    ['GET /api/cases/:id/audit', (id) => `/api/cases/${id}/audit`],
    ['GET /api/cases/:id/audit/verify', (id) => `/api/cases/${id}/audit/verify`],
    ['GET /api/procedures/:id/diagram?caseId=', (id) => `/api/procedures/five-step/diagram?caseId=${id}`],
  ];

  it('lets every role read a case in scope and hides the one outside (404)', async () => {
    const wrong: string[] = [];
    for (const role of ROLE_NAMES) {
      const caller = callers.get(role) as Caller;
      for (const [name, url] of READS) {
        for (const scope of ['in', 'out'] as const) {
          const expected = scope === 'in' ? 200 : 404;
          const { status } = await caller.get(url(caseAt[scope]));
          if (status !== expected) wrong.push(`${role} ${name} ${scope}: ${status}, expected ${expected}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lets only the council clerk accept a topic; other roles in scope get 403, anyone out of scope 404', async () => {
    const wrong: string[] = [];
    for (const role of ROLE_NAMES) {
      const caller = callers.get(role) as Caller;
      for (const scope of ['in', 'out'] as const) {
        const id = await openCase(scope);
        const expected = scope === 'out' ? 404 : role === 'council_clerk' ? 200 : 403;
        const { status } = await caller.post(`/api/cases/${id}/events`, { type: 'topic.accept', payload: {} });
        if (status !== expected) wrong.push(`${role} ${scope}: ${status}, expected ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lets anyone in scope open a case, and nobody outside', async () => {
    const wrong: string[] = [];
    for (const role of ROLE_NAMES) {
      const caller = callers.get(role) as Caller;
      for (const scope of ['in', 'out'] as const) {
        const expected = scope === 'in' ? 201 : 404;
        const { status } = await caller.post('/api/cases', { procedure: 'five-step', unitId: unit[scope], title: '提议', description: '说明' });
        if (status !== expected) wrong.push(`${role} ${scope}: ${status}, expected ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 401 on every case route without a token', async () => {
    const id = caseAt.in;
    const calls = [
      t.http().get('/api/cases'),
      t.http().post('/api/cases').send({}),
      t.http().get(`/api/cases/${id}`),
      t.http().post(`/api/cases/${id}/events`).send({ type: 'topic.accept' }),
      t.http().get(`/api/cases/${id}/audit`),
      t.http().get(`/api/cases/${id}/audit/verify`),
      t.http().get('/api/audit/verify'),
      t.http().get('/api/procedures'),
      t.http().get('/api/procedures/five-step'),
      t.http().get('/api/procedures/five-step/diagram'),
    ];
    expect((await Promise.all(calls)).map((r) => r.status)).toEqual(calls.map(() => 401));
  });
});
