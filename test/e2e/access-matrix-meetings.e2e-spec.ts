import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_NAMES, type Role } from '../../workflows/org/roles.js';
import { as, createPerson, createUnit, type Caller } from '../support/api.js';
import { ROOT_PASSWORD, ROOT_USERNAME, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Meetings (src/meetings): every route × every role × a case inside and a case outside the
 * caller's scope. Each actor holds one role at community C1 (under sub-district S1); the "out"
 * case sits in community C2 under S2. The case is a five-step case at its consultation step, where
 * the resident council meets (convened by the council clerk).
 *
 * - Reads follow the case: a caller reads a meeting exactly when `GET /api/cases/:id` answers 200
 *   for them (404 otherwise, never 403: a meeting out of reach does not exist for the caller).
 * - Convening, opening, attendance, voting, closing and corrections: the body's convener in scope
 *   (`council_clerk`) succeeds; anyone else who can see the case gets 403; anyone who cannot, 404.
 *   The organisation-wide admin sees every case but convenes nothing: 403.
 * - Body settings: the unit's admins and the body's conveners; out of scope 404.
 */
type Scope = 'in' | 'out';
type Actor = Role | 'root';
type Status = 'convened' | 'open' | 'voting' | 'closed';

interface RouteCase {
  readonly name: string;
  /** 'read': follows the case's visibility; 'convener': council clerk only; 'settings': admin or convener. */
  readonly kind: 'read' | 'convener' | 'settings';
  readonly success: number;
  /** For meeting routes: the meeting the call needs, prepared by the clerk of that community. */
  readonly needs?: Status;
  readonly call: (caller: Caller, target: { caseId: string; unitId: string; meetingId: string; memberId: string }, n: number) => PromiseLike<{ status: number }>;
}

const ROUTES: readonly RouteCase[] = [
  { name: 'GET /api/cases/:id/meetings', kind: 'read', success: 200, call: (c, x) => c.get(`/api/cases/${x.caseId}/meetings`) },
  { name: 'GET /api/meetings/:id', kind: 'read', success: 200, needs: 'convened', call: (c, x) => c.get(`/api/meetings/${x.meetingId}`) },
  { name: 'GET /api/meetings/:id/record', kind: 'read', success: 200, needs: 'convened', call: (c, x) => c.get(`/api/meetings/${x.meetingId}/record`) },
  { name: 'GET /api/meetings/:id/record.html', kind: 'read', success: 200, needs: 'convened', call: (c, x) => c.get(`/api/meetings/${x.meetingId}/record.html`) },
  { name: 'GET /api/units/:id/bodies', kind: 'read', success: 200, call: (c, x) => c.get(`/api/units/${x.unitId}/bodies`) },
  {
    name: 'POST /api/cases/:id/meetings',
    kind: 'convener',
    success: 201,
    call: (c, x) => c.post(`/api/cases/${x.caseId}/meetings`, { body: 'resident_council', scheduledAt: '2026-01-01T00:00:00.000Z', place: '议事厅', motion: '议题' }),
  },
  { name: 'POST /api/meetings/:id/open', kind: 'convener', success: 200, needs: 'convened', call: (c, x) => c.post(`/api/meetings/${x.meetingId}/open`, { chair: '主持', recorder: '记录' }) },
  { name: 'POST /api/meetings/:id/attendance', kind: 'convener', success: 200, needs: 'open', call: (c, x) => c.post(`/api/meetings/${x.meetingId}/attendance`, { entries: [{ personId: x.memberId, status: 'present', signed: true }] }) },
  { name: 'POST /api/meetings/:id/voting', kind: 'convener', success: 200, needs: 'open', call: (c, x) => c.post(`/api/meetings/${x.meetingId}/voting`, { mode: 'tally' }) },
  { name: 'POST /api/meetings/:id/tally', kind: 'convener', success: 200, needs: 'voting', call: (c, x) => c.post(`/api/meetings/${x.meetingId}/tally`, { for: 0, against: 0, abstain: 0 }) },
  {
    name: 'POST /api/meetings/:id/corrections',
    kind: 'convener',
    success: 200,
    needs: 'closed',
    call: (c, x, n) => c.post(`/api/meetings/${x.meetingId}/corrections`, { reason: `笔误${n}`, correction: '地点应为议事厅' }),
  },
  { name: 'POST /api/meetings/:id/close', kind: 'convener', success: 200, needs: 'voting', call: (c, x) => c.post(`/api/meetings/${x.meetingId}/close`, {}) },
  { name: 'PATCH /api/units/:id/bodies/:type', kind: 'settings', success: 200, call: (c, x, n) => c.patch(`/api/units/${x.unitId}/bodies/resident_council`, { noticeDays: n % 5 }) },
];

describe('access matrix: meetings', () => {
  let t: TestApp;
  let root: Caller;
  const callers = new Map<Actor, Caller>();
  const units: Record<Scope, string> = { in: '', out: '' };
  const cases: Record<Scope, string> = { in: '', out: '' };
  const clerks = {} as Record<Scope, Caller>;
  /** A council member of each community (on the meeting's roster). */
  const members: Record<Scope, string> = { in: '', out: '' };

  /** A fresh meeting of the case brought to `status` by that community's clerk. */
  const meetingIn = async (scope: Scope, status: Status): Promise<string> => {
    const clerk = clerks[scope];
    const expectOk = async (res: PromiseLike<{ status: number; body: unknown }>, want: number) => {
      const r = await res;
      if (r.status !== want) throw new Error(`preparing a ${status} meeting: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body as { id: string };
    };
    // a meeting that closed without passing sent the case back to research: complete it again
    const kase = await expectOk(clerk.get(`/api/cases/${cases[scope]}`), 200);
    if ((kase as unknown as { state: { value: unknown } }).state.value === 'research') {
      await expectOk(clerk.post(`/api/cases/${cases[scope]}/events`, { type: 'research.complete', payload: {} }), 200);
    }
    const { id } = await expectOk(clerk.post(`/api/cases/${cases[scope]}/meetings`, { body: 'resident_council', scheduledAt: '2026-01-01T00:00:00.000Z', place: '议事厅', motion: '议题' }), 201);
    if (status === 'convened') return id;
    await expectOk(clerk.post(`/api/meetings/${id}/open`, {}), 200);
    if (status === 'open') return id;
    await expectOk(clerk.post(`/api/meetings/${id}/voting`, { mode: 'tally' }), 200);
    if (status === 'voting') return id;
    await expectOk(clerk.post(`/api/meetings/${id}/tally`, { for: 0, against: 0, abstain: 0 }), 200);
    await expectOk(clerk.post(`/api/meetings/${id}/close`, {}), 200);
    return id;
  };

  beforeAll(async () => {
    t = await startTestApp({ MINYI_MANUAL_CLOCK: '2026-01-01T00:00:00.000Z', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test' });
    root = as(t.http, await t.login(ROOT_USERNAME, ROOT_PASSWORD));
    callers.set('root', root);
    const district = await createUnit(root, { name: '天桥区', kind: 'district' });
    const s1 = await createUnit(root, { name: '北坦街道', kind: 'subdistrict', parentId: district });
    const s2 = await createUnit(root, { name: '南村街道', kind: 'subdistrict', parentId: district });
    units.in = await createUnit(root, { name: '翡翠郡社区', kind: 'community', parentId: s1, communityType: 'open' });
    units.out = await createUnit(root, { name: '西社区', kind: 'community', parentId: s2, communityType: 'open' });
    for (const role of ROLE_NAMES) {
      const username = `actor.${role.replaceAll('_', '-')}`;
      const { id } = await createPerson(root, { username, unitId: units.in, role });
      if (role === 'council_member') members.in = id;
      callers.set(role, as(t.http, await t.login(username, 'password-1234')));
    }
    clerks.in = callers.get('council_clerk') as Caller;
    await createPerson(root, { username: 'clerk.out', unitId: units.out, role: 'council_clerk' });
    members.out = (await createPerson(root, { username: 'member.out', unitId: units.out, role: 'council_member' })).id;
    clerks.out = as(t.http, await t.login('clerk.out', 'password-1234'));
    for (const scope of ['in', 'out'] as const) {
      const created = await clerks[scope].post('/api/cases', { procedure: 'five-step', unitId: units[scope], title: '加装路灯', description: '小区照明' });
      cases[scope] = (created.body as { id: string }).id;
      for (const [type, payload] of [['topic.accept', {}], ['research.addFinding', { summary: '走访120户' }], ['research.complete', {}]] as const) {
        const res = await clerks[scope].post(`/api/cases/${cases[scope]}/events`, { type, payload });
        if (res.status !== 200) throw new Error(`${type}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    }
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('every meeting route gives each role the status its scope and role call for', async () => {
    const mismatches: string[] = [];
    let n = 0;
    for (const route of ROUTES) {
      for (const scope of ['in', 'out'] as const) {
        for (const [actor, caller] of callers) {
          n += 1;
          // what the caller may see of the case decides the reads and the 404s
          const seesCase = (await caller.get(`/api/cases/${cases[scope]}`)).status === 200;
          const seesUnit = (await caller.get(`/api/units/${units[scope]}`)).status === 200;
          const visible = route.name.startsWith('GET /api/units') || route.kind === 'settings' ? seesUnit : seesCase;
          const meetingId = route.needs ? await meetingIn(scope, route.needs) : '';
          const res = await route.call(caller, { caseId: cases[scope], unitId: units[scope], meetingId, memberId: members[scope] }, n);
          const mayAct =
            route.kind === 'read' ||
            (route.kind === 'convener' && actor === 'council_clerk') ||
            (route.kind === 'settings' && (actor === 'council_clerk' || actor === 'admin' || actor === 'root'));
          const want = !visible ? 404 : mayAct ? route.success : 403;
          if (res.status !== want) mismatches.push(`${actor} ${route.name} (${scope}): got ${res.status}, want ${want}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(n).toBe((ROLE_NAMES.length + 1) * ROUTES.length * 2);
  });

  it('reads: every role in the community sees the meetings of its cases; nobody outside it but the organisation-wide admin', async () => {
    for (const [actor, caller] of callers) {
      expect((await caller.get(`/api/cases/${cases.in}/meetings`)).status, actor).toBe(200);
      expect((await caller.get(`/api/cases/${cases.out}/meetings`)).status, actor).toBe(actor === 'root' ? 200 : 404);
    }
  });

  it('without a token every meeting route answers 401', async () => {
    const id = await meetingIn('in', 'open');
    const requests = [
      t.http().get(`/api/cases/${cases.in}/meetings`),
      t.http().post(`/api/cases/${cases.in}/meetings`).send({}),
      t.http().get(`/api/meetings/${id}`),
      t.http().get(`/api/meetings/${id}/record`),
      t.http().get(`/api/meetings/${id}/record.html`),
      t.http().post(`/api/meetings/${id}/open`).send({}),
      t.http().post(`/api/meetings/${id}/attendance`).send({}),
      t.http().post(`/api/meetings/${id}/recusals`).send({}),
      t.http().post(`/api/meetings/${id}/voting`).send({}),
      t.http().post(`/api/meetings/${id}/ballots`).send({}),
      t.http().post(`/api/meetings/${id}/tally`).send({}),
      t.http().post(`/api/meetings/${id}/close`).send({}),
      t.http().post(`/api/meetings/${id}/corrections`).send({}),
      t.http().get(`/api/units/${units.in}/bodies`),
      t.http().patch(`/api/units/${units.in}/bodies/resident_council`).send({}),
    ];
    for (const [i, req] of requests.entries()) {
      const res = await req;
      expect(res.status, `request #${i}`).toBe(401);
      expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });
});
