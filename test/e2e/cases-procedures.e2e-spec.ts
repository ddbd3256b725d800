import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../workflows/core/procedure.js';
import { decideMeeting } from '../../workflows/rules/decide.js';
import { meetingClosedEvent } from '../../workflows/core/meeting-event.js';
import type { MeetingRuleInput } from '../../workflows/rules/meeting-rule.types.js';
import { FIVE_PARTY_NAMES } from '../../workflows/rules/body-types.js';
import { CasesService } from '../../src/cases/cases.service.js';
import { AppConfig } from '../../src/config/app-config.js';
import { rawQuery } from '../../src/database/raw-query.js';
import { Clock, ManualClock } from '../../src/timers/clock.js';
import { TimerScheduler } from '../../src/timers/timer-scheduler.service.js';
import { as, createPerson, type Caller } from '../support/api.js';
import { buildCaseOrg, type CaseOrg } from '../support/case-org.js';
import { removeSqlite } from '../support/reset-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface CaseBody {
  id: string;
  status: string;
  outcome: string | null;
  state: { value: unknown; path: string };
}

/**
 * A full case through each procedure to its end over HTTP (shared/scenarios.md 2–4). Meeting
 * results come from the legal rules through the engine, never from a client; notice periods and
 * deadlines are durable timers fired by the scheduler on a manual clock.
 */
describe('every procedure, end to end', () => {
  let t: TestApp;
  let org: CaseOrg;
  let clock: ManualClock;
  const send = async (caller: Caller, id: string, type: string, payload: Record<string, unknown> = {}) => {
    const res = await caller.post(`/api/cases/${id}/events`, { type, payload });
    if (res.status !== 200) throw new Error(`${type} → ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { case: CaseBody }).case;
  };
  const meeting = async (id: string, input: MeetingRuleInput) => {
    const result = decideMeeting(input);
    if (!result.ok) throw new Error(result.error.code);
    const event = meetingClosedEvent(`m-${Math.random()}`, result);
    await t.app.get(CasesService).sendSystemEvent(id, event.type, { ...event.payload });
    return result;
  };
  const state = async (caller: Caller, id: string) => ((await caller.get(`/api/cases/${id}`).expect(200)).body as CaseBody).state.value;
  const afterDays = async (days: number) => {
    clock.advance(days * DAY_MS);
    await t.app.get(TimerScheduler).runDue();
  };
  const person = async (username: string, unitId: string, role: string) => {
    await createPerson(org.root, { username, unitId, role });
    return as(t.http, await t.login(username, 'password-1234'));
  };
  const verified = async (id: string) =>
    expect((await org.people.supervisor.caller.get(`/api/cases/${id}/audit/verify`).expect(200)).body).toMatchObject({ valid: true, replayMatches: true });

  beforeAll(async () => {
    t = await startTestApp({ MINYI_MANUAL_CLOCK: 'true', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test' });
    clock = t.app.get<Clock, ManualClock>(Clock);
    org = await buildCaseOrg(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('one-report-four-deliberations: scenario 2, from the report to the second publication', async () => {
    const { branch, town, villageCommittee } = org.people;
    const created = (await branch.caller
      .post('/api/cases', { procedure: 'one-report-four-deliberations', unitId: org.units.village, title: '征地补偿款分配方案', description: '分配方案' })
      .expect(201)).body as CaseBody;
    const id = created.id;
    await send(branch.caller, id, 'report.submit', { summary: '分配方案', matterCategory: 'land_compensation' });
    await send(town.caller, id, 'report.return', { reason: '受益人名单不清晰' });
    await send(branch.caller, id, 'report.submit', { summary: '分配方案（附名单）', matterCategory: 'land_compensation' });
    // a client cannot skip ahead: implementing needs the resolution published first
    expect((await villageCommittee.caller.post(`/api/cases/${id}/events`, { type: 'implementation.report', payload: { summary: '已发放' } })).status).toBe(422);
    await send(town.caller, id, 'report.approve');
    await meeting(id, { body: 'party_organisation_meeting', roster: 5, present: 5, votes: { for: 5, against: 0, abstain: 0 } });
    await meeting(id, { body: 'two_committee_joint_meeting', roster: 7, present: 7, votes: { for: 6, against: 1, abstain: 0 } });
    const noQuorum = await meeting(id, { body: 'party_member_assembly', roster: 36, present: 18 });
    expect(noQuorum.passed).toBe(false);
    expect(await state(branch.caller, id)).toBe('reviewing');
    await meeting(id, { body: 'party_member_assembly', roster: 36, present: 25, votes: { for: 22, against: 2, abstain: 1 } });
    await meeting(id, { body: 'villager_representative_meeting', roster: 45, present: 31, votes: { for: 24, against: 5, abstain: 2 } });
    expect(await state(branch.caller, id)).toEqual({ resolutionPublished: 'running' });
    await afterDays(6);
    expect(await state(branch.caller, id)).toEqual({ resolutionPublished: 'running' });
    await afterDays(1);
    expect(await state(branch.caller, id)).toBe('implementing');
    await send(villageCommittee.caller, id, 'implementation.report', { summary: '补偿款已按名单发放' });
    await afterDays(7);
    const done = (await branch.caller.get(`/api/cases/${id}`).expect(200)).body as CaseBody;
    expect(done).toMatchObject({ status: 'closed', outcome: 'completed', state: { value: 'closed' } });
    // the trail itself carries the figures each vote was decided on
    const audit = (await branch.caller.get(`/api/cases/${id}/audit?limit=100`).expect(200)).body as { items: { eventType: string; payload: Record<string, unknown> }[] };
    const assembly = audit.items.filter((e) => e.eventType === 'meeting.closed' && e.payload.body === 'party_member_assembly').map((e) => e.payload);
    expect(assembly).toMatchObject([
      { expected: 36, present: 18, quorumMet: false, passed: false },
      { expected: 36, present: 25, votesFor: 22, votesAgainst: 2, votesAbstain: 1, quorumMet: true, passed: true },
    ]);
    await verified(id);
  });

  it('four-plus-five: scenario 3, escalated to the sub-district, reopened by a low evaluation, then closed', async () => {
    const subdistrict = await person('beitan.committee', org.units.beitan, 'township_party_committee');
    const { gridWorker, committee } = org.people;
    const gridBranch = await person('grid.branch', org.units.grid, 'party_branch');
    const created = (await gridWorker.caller
      .post('/api/cases', { procedure: 'four-plus-five', unitId: org.units.grid, title: '摊位占道', description: '早市摊位堵塞小巷' })
      .expect(201)).body as CaseBody;
    const id = created.id;
    await send(gridWorker.caller, id, 'opinion.record', { text: '摊位占道，车辆无法通行', from: '居民' });
    await send(gridBranch, id, 'case.escalate', { reason: '涉及社区道路' });
    // the grid worker still sees the case, but the grid no longer handles it
    expect((await gridWorker.caller.post(`/api/cases/${id}/events`, { type: 'collection.complete', payload: {} })).status).toBe(403);
    await send(committee.caller, id, 'collection.complete');
    await send(committee.caller, id, 'case.escalate', { reason: '道路跨两个社区' });
    const council = { body: 'resident_council' as const, roster: 15, present: 12, votes: { for: 10, against: 1, abstain: 1 } };
    await meeting(id, council);
    expect((await org.people.secretary.caller.post(`/api/cases/${id}/events`, { type: 'review.approve', payload: {} })).status).toBe(403);
    await send(subdistrict, id, 'review.return', { reason: '请补充交通安全意见' });
    await meeting(id, council);
    await afterDays(10);
    await send(subdistrict, id, 'review.approve', { opinion: '同意' });
    await send(committee.caller, id, 'implementation.report', { summary: '摊位迁入市场，施划车位' });
    await send(committee.caller, id, 'evaluation.submit', { satisfactionPercent: 65, respondents: 120, method: 'survey' });
    expect(await state(committee.caller, id)).toBe('deliberation');
    await meeting(id, council);
    await send(subdistrict, id, 'review.approve');
    await send(committee.caller, id, 'implementation.report', { summary: '增设临时摊位时段' });
    await send(committee.caller, id, 'evaluation.submit', { satisfactionPercent: 80, respondents: 140, method: 'survey' });
    const done = (await committee.caller.get(`/api/cases/${id}`).expect(200)).body as CaseBody;
    expect(done).toMatchObject({ status: 'closed', outcome: 'completed' });
    const audit = (await committee.caller.get(`/api/cases/${id}/audit?limit=500`).expect(200)).body as { items: { eventType: string }[] };
    expect(audit.items.map((e) => e.eventType)).toContain('review.deadlinePassed');
    await verified(id);
  });

  it('five-party-joint: scenario 4, the owners’ committee absent first, then all five decide', async () => {
    const secretary = await person('gated.secretary', org.units.gated, 'community_party_secretary');
    const committee = await person('gated.committee', org.units.gated, 'residents_committee');
    const owner = await person('owner.chen', org.units.gated, 'resident');
    const created = (await owner.post('/api/cases', { procedure: 'five-party-joint', unitId: org.units.gated, title: '老楼加装电梯', description: '六层住宅' }).expect(201))
      .body as CaseBody;
    const id = created.id;
    await send(secretary, id, 'issue.accept');
    await meeting(id, { body: 'five_party_joint_meeting', represented: FIVE_PARTY_NAMES.filter((p) => p !== 'owners_committee'), votes: { for: 4, against: 0, abstain: 0 } });
    expect(await state(owner, id)).toBe('jointMeeting');
    await meeting(id, { body: 'five_party_joint_meeting', represented: [...FIVE_PARTY_NAMES], votes: { for: 5, against: 0, abstain: 0 } });
    await send(secretary, id, 'implementation.assign', { responsibleParty: 'property_company', task: '按楼层分摊费用，组织施工' });
    const db = t.app.get(DataSource);
    expect(await rawQuery(db, 'SELECT timer_key FROM timers WHERE case_id = $1', [id])).toEqual([{ timer_key: 'implementationDeadline' }]);
    await send(committee, id, 'implementation.report', { summary: '电梯已安装并验收' });
    expect(await rawQuery(db, 'SELECT timer_key FROM timers WHERE case_id = $1', [id])).toEqual([]);
    await send(committee, id, 'feedback.report', { summary: '已在楼栋公告栏公布', channel: 'notice_board' });
    expect(((await owner.get(`/api/cases/${id}`).expect(200)).body as CaseBody).outcome).toBe('completed');
    await verified(id);
  });
});

describe('timers survive a restart and fire at start when they came due while the server was down', () => {
  it('fires the notice period at boot on the same database', async () => {
    const first = await startTestApp({ MINYI_MANUAL_CLOCK: '2026-03-01T00:00:00.000Z', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test' });
    const database = first.app.get(AppConfig).database;
    const org = await buildCaseOrg(first);
    const clerk = org.people.clerk.caller;
    const created = (await clerk.post('/api/cases', { procedure: 'five-step', unitId: org.units.feicuijun, title: '加装路灯', description: '小区照明' }).expect(201))
      .body as CaseBody;
    const id = created.id;
    for (const [type, payload] of [
      ['topic.accept', {}],
      ['research.addFinding', { summary: '夜间照明不足' }],
      ['research.complete', {}],
    ] as const) {
      await clerk.post(`/api/cases/${id}/events`, { type, payload }).expect(200);
    }
    await first.app.get(CasesService).sendSystemEvent(id, 'meeting.closed', { meetingId: 'm1', body: 'resident_council', quorumMet: true, passed: true, ruleId: 'r' });
    await org.people.secretary.caller.post(`/api/cases/${id}/events`, { type: 'study.approve', payload: { opinion: '同意' } }).expect(200);
    await first.app.close();

    // Eight days later (the notice ran seven), the server starts again on the same database.
    const env = { MINYI_MANUAL_CLOCK: '2026-03-09T00:00:00.000Z', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test', ...(database.type === 'sqlite' ? { DATABASE_URL: database.path } : {}) };
    const second = await startTestApp(env, { reset: false });
    try {
      const token = await second.login('clerk.li', 'password-1234');
      const res = await second.http().get(`/api/cases/${id}`).set('authorization', `Bearer ${token}`).expect(200);
      expect((res.body as CaseBody).state.value).toBe('implementation');
    } finally {
      await second.close();
      if (database.type === 'sqlite') removeSqlite(database.path);
    }
  });
});

describe.skipIf(!process.env.MINYI_TEST_DATABASE_URL)('several instances on one PostgreSQL database', () => {
  it('fires each due timer exactly once when every instance runs its scheduler at the same moment', async () => {
    const env = { MINYI_MANUAL_CLOCK: '2026-05-01T00:00:00.000Z', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test' };
    const a = await startTestApp(env);
    const b = await startTestApp(env, { reset: false });
    const c = await startTestApp(env, { reset: false });
    try {
      const org = await buildCaseOrg(a);
      const ids: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        const created = await org.people.clerk.caller.post('/api/cases', { procedure: 'five-step', unitId: org.units.feicuijun, title: `议题${i}`, description: '说明' }).expect(201);
        const id = (created.body as CaseBody).id;
        for (const [type, payload] of [
          ['topic.accept', {}],
          ['research.addFinding', { summary: '发现' }],
          ['research.complete', {}],
        ] as const) {
          await org.people.clerk.caller.post(`/api/cases/${id}/events`, { type, payload }).expect(200);
        }
        await a.app.get(CasesService).sendSystemEvent(id, 'meeting.closed', { meetingId: `m${i}`, body: 'resident_council', quorumMet: true, passed: true, ruleId: 'r' });
        await org.people.secretary.caller.post(`/api/cases/${id}/events`, { type: 'study.approve', payload: { opinion: '同意' } }).expect(200);
        ids.push(id);
      }
      for (const app of [a, b, c]) app.app.get<Clock, ManualClock>(Clock).advance(8 * DAY_MS);
      await Promise.all([a, b, c].map((app) => app.app.get(TimerScheduler).runDue()));
      const db = a.app.get(DataSource);
      const fired = await rawQuery<{ case_id: string; n: string }>(
        db,
        "SELECT case_id, COUNT(*) AS n FROM audit_entries WHERE event_type = 'notice.periodEnded' GROUP BY case_id",
      );
      expect(fired.map((r) => Number(r.n))).toEqual(ids.map(() => 1));
      expect(await rawQuery(db, 'SELECT id FROM timers')).toEqual([]);
      expect((await org.people.supervisor.caller.get('/api/audit/verify').expect(200)).body).toMatchObject({ valid: true, globalSequenceGaps: [] });
    } finally {
      await c.app.close();
      await b.app.close();
      await a.close();
    }
  });
});
