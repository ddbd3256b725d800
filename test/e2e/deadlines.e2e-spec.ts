import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../workflows/core/procedure.js';
import { dueAtOf } from '../../workflows/core/step-limits.js';
import { AppConfig } from '../../src/config/app-config.js';
import { rawQuery } from '../../src/database/raw-query.js';
import { DeadlinePoller } from '../../src/deadlines/deadline-poller.service.js';
import { Clock, ManualClock } from '../../src/timers/clock.js';
import { as, createPerson, type Caller } from '../support/api.js';
import { buildCaseOrg, type CaseOrg } from '../support/case-org.js';
import { anyString } from '../support/matchers.js';
import { sendEvent } from '../support/notice-case.js';
import { removeSqlite } from '../support/reset-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface StepBody {
  procedureId: string;
  state: string;
  days: number | null;
  source: { kind: string; unitId: string | null; unitName: string | null };
  configuredHere: number | null;
  defaultDays: number | null;
  updatedBy: string | null;
}
interface LimitsBody {
  unit: { id: string };
  procedures: { id: string; steps: StepBody[] }[];
  changes: { procedureId: string; state: string; oldDays: number | null; newDays: number | null; changedBy: string; changedAt: string }[];
}
interface DeadlineBody {
  state: string;
  limitDays: number;
  limitUnitId: string | null;
  enteredAt: string;
  dueAt: string;
  overdue: boolean;
  daysOverdue: number;
  reachedAt: string | null;
}
interface CaseBody {
  id: string;
  state: { path: string };
  overdue: boolean;
  deadline: DeadlineBody | null;
}
interface AuditBody {
  kind: string;
  eventType: string;
  actor: Record<string, unknown>;
  payload: Record<string, unknown>;
  stateBefore: unknown;
  stateAfter: unknown;
}
interface OverdueBody {
  total: number;
  page: number;
  pageSize: number;
  asOf: string;
  items: { caseId: string; title: string; state: { path: string }; deadline: DeadlineBody }[];
}

const put = (t: TestApp, token: string, url: string, body: unknown) => t.http().put(url).set('authorization', `Bearer ${token}`).send(body as object);

describe('step deadlines: limits per procedure and unit, the overdue flag and list, the audited limit', () => {
  let t: TestApp;
  let org: CaseOrg;
  let clock: ManualClock;
  let db: DataSource;
  let rootToken: string;
  /** An admin of 北坦街道 (over 翡翠郡社区 and 金色家园社区, not over 桑梓店镇). */
  let subAdmin: { id: string; token: string; caller: Caller };
  const limitsUrl = (unit: string) => `/api/units/${unit}/step-limits`;
  const stepUrl = (unit: string, procedure: string, state: string) => `/api/units/${unit}/step-limits/${procedure}/${state}`;
  const runDue = () => t.app.get(DeadlinePoller).runDue();
  const step = (body: LimitsBody, procedure: string, state: string) => body.procedures.find((p) => p.id === procedure)?.steps.find((s) => s.state === state);
  const getCase = async (id: string) => (await org.people.clerk.caller.get(`/api/cases/${id}`).expect(200)).body as CaseBody;
  const reachedEntries = async (caseId: string) =>
    ((await org.people.supervisor.caller.get(`/api/cases/${caseId}/audit`).expect(200)).body as { items: AuditBody[] }).items.filter((e) => e.eventType === 'deadline.reached');
  const openCase = async (unitId: string, title: string, caller = org.people.resident.caller) => {
    const res = await caller.post('/api/cases', { procedure: 'five-step', unitId, title, description: '说明' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return (res.body as CaseBody).id;
  };
  const accept = async (id: string, clerk = org.people.clerk.caller) => {
    const res = await sendEvent(clerk, id, 'topic.accept');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { case: CaseBody };
  };

  beforeAll(async () => {
    t = await startTestApp({ MINYI_MANUAL_CLOCK: '2026-04-01T00:00:00.000Z', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test' });
    clock = t.app.get<Clock, ManualClock>(Clock);
    db = t.app.get(DataSource);
    org = await buildCaseOrg(t);
    rootToken = await t.login('root.admin', 'root-password-for-tests');
    const person = await createPerson(org.root, { username: 'admin.beitan', unitId: org.units.beitan, role: 'admin' });
    const token = await t.login('admin.beitan', 'password-1234');
    subAdmin = { id: person.id, token, caller: as(t.http, token) };
    await createPerson(org.root, { username: 'clerk.gated', unitId: org.units.gated, role: 'council_clerk' });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('configuration', () => {
    it('shows every non-final step of the procedures that may run at the unit, with no limit anywhere yet', async () => {
      const body = (await org.people.clerk.caller.get(limitsUrl(org.units.feicuijun)).expect(200)).body as LimitsBody;
      // an open community runs five-step and four-plus-five; a village-only or closed-estate procedure is not offered
      expect(body.procedures.map((p) => p.id).sort()).toEqual(['five-step', 'four-plus-five']);
      const states = body.procedures.find((p) => p.id === 'five-step')?.steps.map((s) => s.state);
      expect(states).toEqual(expect.arrayContaining(['topic', 'research', 'consultation', 'study', 'publicNotice', 'publicNotice.running', 'implementation']));
      expect(states).not.toContain('completed');
      expect(step(body, 'five-step', 'research')).toMatchObject({ days: null, source: { kind: 'none', unitId: null }, configuredHere: null, defaultDays: null });
      // above the communities (a sub-district) every procedure may run below
      const above = (await subAdmin.caller.get(limitsUrl(org.units.beitan)).expect(200)).body as LimitsBody;
      expect(above.procedures.map((p) => p.id).sort()).toEqual(['five-party-joint', 'five-step', 'four-plus-five', 'one-report-four-deliberations']);
    });

    it('inherits a limit set at an ancestor down the subtree; the nearest unit wins; DELETE goes back to inheritance', async () => {
      const set = await put(t, subAdmin.token, stepUrl(org.units.beitan, 'five-step', 'research'), { days: 10 }).expect(200);
      expect(set.body).toMatchObject({ state: 'research', days: 10, source: { kind: 'unit', unitId: org.units.beitan, unitName: '北坦街道' }, configuredHere: 10, updatedBy: subAdmin.id });
      const inherited = (await org.people.gridWorker.caller.get(limitsUrl(org.units.grid)).expect(200)).body as LimitsBody;
      expect(step(inherited, 'five-step', 'research')).toMatchObject({ days: 10, source: { kind: 'ancestor', unitId: org.units.beitan }, configuredHere: null });

      const override = await put(t, rootToken, stepUrl(org.units.feicuijun, 'five-step', 'research'), { days: 3 }).expect(200);
      expect(override.body).toMatchObject({ days: 3, source: { kind: 'unit', unitId: org.units.feicuijun, unitName: '翡翠郡社区' } });
      const grid = (await org.people.gridWorker.caller.get(limitsUrl(org.units.grid)).expect(200)).body as LimitsBody;
      expect(step(grid, 'five-step', 'research')).toMatchObject({ days: 3, source: { kind: 'ancestor', unitId: org.units.feicuijun } });
      // the sibling community still inherits from the sub-district
      const gated = (await subAdmin.caller.get(limitsUrl(org.units.gated)).expect(200)).body as LimitsBody;
      expect(step(gated, 'five-step', 'research')).toMatchObject({ days: 10, source: { kind: 'ancestor', unitId: org.units.beitan } });

      await put(t, rootToken, stepUrl(org.units.feicuijun, 'five-step', 'research'), { days: 5 }).expect(200);
      const removed = await subAdmin.caller.delete(stepUrl(org.units.feicuijun, 'five-step', 'research')).expect(200);
      expect(removed.body).toMatchObject({ days: 10, source: { kind: 'ancestor', unitId: org.units.beitan }, configuredHere: null });

      // who, when, old → new, newest first
      const history = ((await org.people.clerk.caller.get(limitsUrl(org.units.feicuijun)).expect(200)).body as LimitsBody).changes;
      const me = ((await org.root.get('/api/me').expect(200)).body as { person: { id: string } }).person;
      expect(history).toEqual([
        { procedureId: 'five-step', state: 'research', oldDays: 5, newDays: null, changedBy: subAdmin.id, changedAt: anyString() },
        { procedureId: 'five-step', state: 'research', oldDays: 3, newDays: 5, changedBy: me.id, changedAt: anyString() },
        { procedureId: 'five-step', state: 'research', oldDays: null, newDays: 3, changedBy: me.id, changedAt: anyString() },
      ]);
      // setting the same value again records nothing
      await put(t, subAdmin.token, stepUrl(org.units.beitan, 'five-step', 'research'), { days: 10 }).expect(200);
      expect(((await subAdmin.caller.get(limitsUrl(org.units.beitan)).expect(200)).body as LimitsBody).changes).toHaveLength(1);
      // back to the override for the scenario below
      await put(t, rootToken, stepUrl(org.units.feicuijun, 'five-step', 'research'), { days: 3 }).expect(200);
    });

    it('refuses bad input with a code and zh/en messages, and stores nothing', async () => {
      const before = (await subAdmin.caller.get(limitsUrl(org.units.feicuijun)).expect(200)).body as LimitsBody;
      const cases: [string, string, unknown, number, string][] = [
        [org.units.feicuijun, 'five-step/nowhere', { days: 5 }, 400, 'STEP_LIMIT_UNKNOWN_STATE'],
        [org.units.feicuijun, 'five-step/publicNotice.nowhere', { days: 5 }, 400, 'STEP_LIMIT_UNKNOWN_STATE'],
        [org.units.feicuijun, 'five-step/completed', { days: 5 }, 422, 'STEP_LIMIT_FINAL_STATE'],
        [org.units.feicuijun, 'five-step/rejected', { days: 5 }, 422, 'STEP_LIMIT_FINAL_STATE'],
        [org.units.feicuijun, 'no-such-procedure/research', { days: 5 }, 400, 'STEP_LIMIT_UNKNOWN_PROCEDURE'],
        [org.units.feicuijun, 'five-party-joint/raised', { days: 5 }, 422, 'STEP_LIMIT_PROCEDURE_NOT_HERE'],
        [org.units.feicuijun, 'five-step/research', { days: 0 }, 400, 'VALIDATION_FAILED'],
        [org.units.feicuijun, 'five-step/research', { days: -1 }, 400, 'VALIDATION_FAILED'],
        [org.units.feicuijun, 'five-step/research', { days: 366 }, 400, 'VALIDATION_FAILED'],
        [org.units.feicuijun, 'five-step/research', { days: 1e9 }, 400, 'VALIDATION_FAILED'],
        [org.units.feicuijun, 'five-step/research', { days: 1.5 }, 400, 'VALIDATION_FAILED'],
        [org.units.feicuijun, 'five-step/research', { days: '3' }, 400, 'VALIDATION_FAILED'],
        [org.units.feicuijun, 'five-step/research', {}, 400, 'VALIDATION_FAILED'],
        [org.units.feicuijun, 'five-step/research', { days: 3, extra: true }, 400, 'VALIDATION_FAILED'],
        // out of the sub-district admin's scope: as if it did not exist
        [org.units.sangzidian, 'five-step/research', { days: 5 }, 404, 'DEADLINE_UNIT_NOT_FOUND'],
        [org.units.village, 'five-step/research', { days: 5 }, 404, 'DEADLINE_UNIT_NOT_FOUND'],
        ['00000000-0000-4000-8000-000000000000', 'five-step/research', { days: 5 }, 404, 'DEADLINE_UNIT_NOT_FOUND'],
        ['not-a-uuid', 'five-step/research', { days: 5 }, 400, 'INVALID_ID'],
      ];
      for (const [unit, target, body, status, code] of cases) {
        const res = await put(t, subAdmin.token, `/api/units/${unit}/step-limits/${target}`, body);
        expect({ target, body, status: res.status, code: (res.body as { code: string }).code }).toEqual({ target, body, status, code });
        expect(res.body).toMatchObject({ message: { zh: anyString(), en: anyString() } });
      }
      const deleteMissing = await subAdmin.caller.delete(stepUrl(org.units.feicuijun, 'five-step', 'study')).expect(404);
      expect(deleteMissing.body).toMatchObject({ code: 'STEP_LIMIT_NOT_CONFIGURED', message: { zh: anyString(), en: anyString() } });
      // the finality check names the steps that can carry a limit
      const final = await put(t, subAdmin.token, stepUrl(org.units.feicuijun, 'five-step', 'completed'), { days: 5 }).expect(422);
      expect((final.body as { details: { states: string[] } }).details.states).toContain('research');
      const after = (await subAdmin.caller.get(limitsUrl(org.units.feicuijun)).expect(200)).body as LimitsBody;
      expect(after).toEqual(before);
    });

    it('lets only an admin over the unit change a limit: other roles 403, out of scope 404', async () => {
      for (const who of ['clerk', 'secretary', 'committee', 'supervisor'] as const) {
        const token = await t.login(usernames[who], 'password-1234');
        const res = await put(t, token, stepUrl(org.units.feicuijun, 'five-step', 'study'), { days: 5 });
        expect({ who, status: res.status, code: (res.body as { code: string }).code }).toEqual({ who, status: 403, code: 'STEP_LIMIT_FORBIDDEN' });
        expect((await org.people[who].caller.delete(stepUrl(org.units.feicuijun, 'five-step', 'research'))).status).toBe(403);
      }
      // a clerk of the sibling community cannot see 翡翠郡社区 at all
      const outsider = await t.login('outsider.chen', 'password-1234');
      expect((await put(t, outsider, stepUrl(org.units.feicuijun, 'five-step', 'study'), { days: 5 })).status).toBe(404);
      expect((await org.people.outsider.caller.get(limitsUrl(org.units.feicuijun))).status).toBe(404);
      expect(step((await subAdmin.caller.get(limitsUrl(org.units.feicuijun)).expect(200)).body as LimitsBody, 'five-step', 'study')).toMatchObject({ days: null });
    });
  });

  describe('deadlines of cases', () => {
    let caseId: string;
    let sibling: string;
    let enteredAt: string;

    it('records the deadline when a case enters a limited step, from the limit nearest its unit', async () => {
      // research: 10 days at 北坦街道, 3 at 翡翠郡社区
      caseId = await openCase(org.units.feicuijun, '加装电梯');
      expect((await getCase(caseId)).deadline).toBeNull();
      enteredAt = clock.nowIso();
      const accepted = await accept(caseId);
      const expected = { state: 'research', limitDays: 3, limitUnitId: org.units.feicuijun, enteredAt, dueAt: dueAtOf(enteredAt, 3), overdue: false, daysOverdue: 0, reachedAt: null };
      // the event's own answer carries the new deadline
      expect(accepted.case).toMatchObject({ overdue: false, deadline: expected });
      expect(await getCase(caseId)).toMatchObject({ overdue: false, deadline: expected });
      // the database computed the same due time as the pure rule, on SQLite and PostgreSQL
      const [row] = await rawQuery<{ due_at: string; status: string }>(db, 'SELECT due_at, status FROM case_deadlines WHERE case_id = $1', [caseId]);
      expect(row).toEqual({ due_at: new Date(Date.parse(enteredAt) + 3 * DAY_MS).toISOString(), status: 'running' });

      sibling = await openCase(org.units.gated, '小区停车管理', org.people.outsider.caller);
      await accept(sibling, org.people.outsider.caller);
      expect((await org.people.outsider.caller.get(`/api/cases/${sibling}`).expect(200)).body).toMatchObject({ deadline: { limitDays: 10, limitUnitId: org.units.beitan } });
    });

    it('keeps the deadline a case entered with when the limit changes later', async () => {
      await put(t, rootToken, stepUrl(org.units.feicuijun, 'five-step', 'research'), { days: 1 }).expect(200);
      expect((await getCase(caseId)).deadline).toMatchObject({ limitDays: 3, dueAt: dueAtOf(enteredAt, 3) });
      await put(t, rootToken, stepUrl(org.units.feicuijun, 'five-step', 'research'), { days: 3 }).expect(200);
    });

    it('is not overdue one millisecond before the limit, and is exactly at it; the system records it once', async () => {
      const due = dueAtOf(enteredAt, 3);
      const listed = async (overdue: 'true' | 'false') =>
        ((await org.people.clerk.caller.get(`/api/cases?unitId=${org.units.feicuijun}&overdue=${overdue}`).expect(200)).body as { items: CaseBody[] }).items.map((c) => c.id);
      clock.set(new Date(Date.parse(due) - 1));
      expect(await getCase(caseId)).toMatchObject({ overdue: false, deadline: { overdue: false } });
      expect(((await org.people.clerk.caller.get(`/api/units/${org.units.feicuijun}/overdue`).expect(200)).body as OverdueBody).total).toBe(0);
      // the case list's filter agrees with the flag, to the millisecond
      expect(await listed('true')).not.toContain(caseId);
      expect(await listed('false')).toContain(caseId);
      expect(await runDue()).toBe(0);
      expect(await reachedEntries(caseId)).toEqual([]);

      clock.set(due);
      expect(await getCase(caseId)).toMatchObject({ overdue: true, deadline: { overdue: true, daysOverdue: 0, dueAt: due } });
      expect(await listed('true')).toContain(caseId);
      expect(await listed('false')).not.toContain(caseId);
      const bad = await org.people.clerk.caller.get(`/api/cases?overdue=yes`);
      expect({ status: bad.status, code: (bad.body as { code: string }).code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      const list = (await org.people.clerk.caller.get(`/api/units/${org.units.feicuijun}/overdue`).expect(200)).body as OverdueBody;
      expect(list).toMatchObject({ total: 1, asOf: due, items: [{ caseId, title: '加装电梯', state: { path: 'research' }, deadline: { state: 'research', dueAt: due, overdue: true } }] });

      const version = ((await org.people.clerk.caller.get(`/api/cases/${caseId}`).expect(200)).body as { version: number }).version;
      expect(await runDue()).toBe(1);
      expect(await runDue()).toBe(0);
      const entries = await reachedEntries(caseId);
      expect(entries).toHaveLength(1);
      const [entry] = entries;
      expect(entry?.actor).toEqual({ kind: 'system', personId: null, role: null, unitId: null, as: 'system' });
      expect(entry).toMatchObject({ kind: 'record', stateBefore: 'research', stateAfter: 'research' });
      expect(entry?.payload).toMatchObject({ state: 'research', limitDays: 3, limitUnitId: org.units.feicuijun, enteredAt, dueAt: due });
      // the case did not move; its version advanced with the entry
      const after = (await org.people.clerk.caller.get(`/api/cases/${caseId}`).expect(200)).body as CaseBody & { version: number; timeline: { eventType: string; label: { en: string }; actor: { kind: string } }[] };
      expect(after.state.path).toBe('research');
      expect(after.version).toBe(version + 1);
      expect(after.deadline).toMatchObject({ reachedAt: due });
      expect(after.timeline.at(-1)).toMatchObject({ eventType: 'deadline.reached', label: { en: 'Time limit reached' }, actor: { kind: 'system' } });
      // the chain still verifies and the replay still matches
      expect((await org.people.supervisor.caller.get(`/api/cases/${caseId}/audit/verify`).expect(200)).body).toMatchObject({ valid: true, headMatches: true, replayMatches: true, problems: [] });
    });

    it('lists overdue cases for the unit subtree, most overdue first, paginated, for the supervisor too; out of scope 404', async () => {
      // the sibling (10 days) is overdue three days later than the first (3 days): move past both
      clock.set(new Date(Date.parse(dueAtOf(enteredAt, 10)) + 2 * DAY_MS));
      const district = (await org.people.supervisor.caller.get(`/api/units/${org.units.district}/overdue?pageSize=1`).expect(200)).body as OverdueBody;
      expect(district).toMatchObject({ total: 2, page: 1, pageSize: 1, items: [{ caseId, deadline: { daysOverdue: 9 } }] });
      const second = (await org.people.supervisor.caller.get(`/api/units/${org.units.district}/overdue?pageSize=1&page=2`).expect(200)).body as OverdueBody;
      expect(second.items.map((i) => i.caseId)).toEqual([sibling]);
      expect(second.items[0]?.deadline.daysOverdue).toBe(2);
      const beitan = (await subAdmin.caller.get(`/api/units/${org.units.beitan}/overdue`).expect(200)).body as OverdueBody;
      expect(beitan.items.map((i) => i.caseId)).toEqual([caseId, sibling]);
      // a unit's list holds its own subtree only
      expect(((await org.people.clerk.caller.get(`/api/units/${org.units.feicuijun}/overdue`).expect(200)).body as OverdueBody).items.map((i) => i.caseId)).toEqual([caseId]);
      expect(((await org.people.gridWorker.caller.get(`/api/units/${org.units.grid}/overdue`).expect(200)).body as OverdueBody).total).toBe(0);
      expect(((await org.people.outsider.caller.get(`/api/units/${org.units.gated}/overdue`).expect(200)).body as OverdueBody).items.map((i) => i.caseId)).toEqual([sibling]);
      // out of scope: as if it did not exist
      expect((await org.people.outsider.caller.get(`/api/units/${org.units.feicuijun}/overdue`).expect(404)).body).toMatchObject({ code: 'DEADLINE_UNIT_NOT_FOUND' });
      expect((await org.people.clerk.caller.get(`/api/units/${org.units.district}/overdue`)).status).toBe(404);
      expect((await org.people.clerk.caller.get(`/api/units/${org.units.feicuijun}/overdue?pageSize=0`)).status).toBe(400);
      // the case list shows the flag too
      const mine = (await org.people.clerk.caller.get(`/api/cases?unitId=${org.units.feicuijun}`).expect(200)).body as { items: CaseBody[] };
      expect(mine.items.find((c) => c.id === caseId)).toMatchObject({ overdue: true, deadline: { state: 'research' } });
    });

    it('clears the flag when the case leaves the step, closing the deadline as met late; a step left in time is met', async () => {
      await sendEvent(org.people.clerk.caller, caseId, 'research.addFinding', { summary: '走访住户' }).expect(200);
      const left = await sendEvent(org.people.clerk.caller, caseId, 'research.complete').expect(200);
      expect((left.body as { case: CaseBody }).case).toMatchObject({ state: { path: 'consultation' }, overdue: false, deadline: null });
      // no longer in the overdue filter of the case list
      expect(((await org.people.supervisor.caller.get('/api/cases?overdue=true').expect(200)).body as { items: CaseBody[] }).items.map((c) => c.id)).toEqual([sibling]);
      expect(await getCase(caseId)).toMatchObject({ overdue: false, deadline: null });
      expect(await rawQuery(db, 'SELECT status FROM case_deadlines WHERE case_id = $1', [caseId])).toEqual([{ status: 'met_late' }]);
      expect(((await org.people.supervisor.caller.get(`/api/units/${org.units.district}/overdue`).expect(200)).body as OverdueBody).items.map((i) => i.caseId)).toEqual([sibling]);

      const quick = await openCase(org.units.feicuijun, '楼道照明');
      await accept(quick);
      clock.advance(2 * DAY_MS);
      await sendEvent(org.people.clerk.caller, quick, 'research.addFinding', { summary: '夜间巡查' }).expect(200);
      await sendEvent(org.people.clerk.caller, quick, 'research.complete').expect(200);
      expect(await rawQuery(db, 'SELECT status FROM case_deadlines WHERE case_id = $1', [quick])).toEqual([{ status: 'met' }]);
      clock.advance(5 * DAY_MS);
      expect(await runDue()).toBe(1); // the sibling only
      expect(await reachedEntries(quick)).toEqual([]);
      expect(await reachedEntries(caseId)).toHaveLength(1);
      for (const id of [caseId, quick]) {
        expect((await org.people.supervisor.caller.get(`/api/cases/${id}/audit/verify`).expect(200)).body).toMatchObject({ valid: true, replayMatches: true });
      }
    });
  });
});

const usernames = { clerk: 'clerk.li', secretary: 'secretary.sun', committee: 'committee.zhou', supervisor: 'supervisor.feng' } as const;

describe('deadlines survive a restart: recorded once, and at start when they came due while the server was down', () => {
  it('records a deadline missed while down at boot, and never again after another restart', async () => {
    const first = await startTestApp({ MINYI_MANUAL_CLOCK: '2026-06-01T00:00:00.000Z', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test' });
    const database = first.app.get(AppConfig).database;
    const org = await buildCaseOrg(first);
    const root = await first.login('root.admin', 'root-password-for-tests');
    await put(first, root, `/api/units/${org.units.feicuijun}/step-limits/five-step/topic`, { days: 2 }).expect(200);
    const created = await org.people.resident.caller.post('/api/cases', { procedure: 'five-step', unitId: org.units.feicuijun, title: '垃圾分类', description: '说明' }).expect(201);
    const id = (created.body as CaseBody).id;
    expect((created.body as CaseBody).deadline).toMatchObject({ state: 'topic', limitDays: 2, dueAt: '2026-06-03T00:00:00.000Z' });
    await first.app.close();

    const env = { MINYI_MANUAL_CLOCK: '2026-06-05T00:00:00.000Z', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test', ...(database.type === 'sqlite' ? { DATABASE_URL: database.path } : {}) };
    const count = async (app: TestApp) =>
      (await rawQuery<{ n: number | string }>(app.app.get(DataSource), "SELECT COUNT(*) AS n FROM audit_entries WHERE case_id = $1 AND event_type = 'deadline.reached'", [id])).map((r) =>
        Number(r.n),
      );
    const second = await startTestApp(env, { reset: false });
    try {
      expect(await count(second)).toEqual([1]);
      expect(await second.app.get(DeadlinePoller).runDue()).toBe(0);
    } finally {
      await second.app.close();
    }
    const third = await startTestApp({ ...env, MINYI_MANUAL_CLOCK: '2026-06-09T00:00:00.000Z' }, { reset: false });
    try {
      expect(await count(third)).toEqual([1]);
      const token = await third.login('supervisor.feng', 'password-1234');
      const verify = await third.http().get(`/api/cases/${id}/audit/verify`).set('authorization', `Bearer ${token}`).expect(200);
      expect(verify.body).toMatchObject({ valid: true, replayMatches: true });
      const kase = await third.http().get(`/api/cases/${id}`).set('authorization', `Bearer ${token}`).expect(200);
      expect(kase.body).toMatchObject({ state: { path: 'topic' }, overdue: true, deadline: { daysOverdue: 6, reachedAt: '2026-06-05T00:00:00.000Z' } });
    } finally {
      await third.close();
      if (database.type === 'sqlite') removeSqlite(database.path);
    }
  });
});

describe.skipIf(!process.env.MINYI_TEST_DATABASE_URL)('several instances on one PostgreSQL database', () => {
  it('records each reached deadline exactly once when every instance polls at the same moment', async () => {
    const env = { MINYI_MANUAL_CLOCK: '2026-07-01T00:00:00.000Z', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test' };
    const a = await startTestApp(env);
    const b = await startTestApp(env, { reset: false });
    const c = await startTestApp(env, { reset: false });
    try {
      const org = await buildCaseOrg(a);
      const root = await a.login('root.admin', 'root-password-for-tests');
      await put(a, root, `/api/units/${org.units.beitan}/step-limits/five-step/topic`, { days: 1 }).expect(200);
      const ids: string[] = [];
      for (let i = 0; i < 8; i += 1) {
        const created = await org.people.resident.caller.post('/api/cases', { procedure: 'five-step', unitId: org.units.feicuijun, title: `议题${i}`, description: '说明' }).expect(201);
        ids.push((created.body as CaseBody).id);
      }
      for (const app of [a, b, c]) app.app.get<Clock, ManualClock>(Clock).advance(DAY_MS);
      const counts = await Promise.all([a, b, c].map((app) => app.app.get(DeadlinePoller).runDue()));
      expect(counts.reduce((x, y) => x + y, 0)).toBe(ids.length);
      const db = a.app.get(DataSource);
      const reached = await rawQuery<{ case_id: string; n: string }>(db, "SELECT case_id, COUNT(*) AS n FROM audit_entries WHERE event_type = 'deadline.reached' GROUP BY case_id");
      expect(reached.map((r) => Number(r.n))).toEqual(ids.map(() => 1));
      expect((await org.people.supervisor.caller.get('/api/audit/verify').expect(200)).body).toMatchObject({ valid: true, globalSequenceGaps: [] });
    } finally {
      await c.app.close();
      await b.app.close();
      await a.close();
    }
  });
});
