import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../workflows/core/procedure.js';
import { Clock, type ManualClock } from '../../src/timers/clock.js';
import { TimerScheduler } from '../../src/timers/timer-scheduler.service.js';
import type { Caller } from '../support/api.js';
import { buildCaseOrg, type CaseOrg } from '../support/case-org.js';
import { buildMeetingVillage, caseState, holdMeeting, ok, sendEvent, type MeetingBody, type MeetingVillage } from '../support/meeting-org.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Scenario 2 (shared/scenarios.md): land-compensation distribution under 一报四议两公开, driven
 * only through approvals and real meetings over HTTP — no system event is sent by the test.
 */
describe('scenario 2 through meetings: land-compensation distribution', () => {
  let t: TestApp;
  let org: CaseOrg;
  let village: MeetingVillage;

  beforeAll(async () => {
    t = await startTestApp({ MINYI_MANUAL_CLOCK: 'true', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test' });
    org = await buildCaseOrg(t);
    // 45 representative-meeting members: 38 representatives + 7 committee members; 36 party members.
    village = await buildMeetingVillage(t, org.root, org.units.sangzidian, 'sangzi', { branch: 3, committee: 7, representatives: 38, partyMembers: 36 });
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  const afterDays = async (days: number) => {
    t.app.get<Clock, ManualClock>(Clock).advance(days * DAY_MS);
    await t.app.get(TimerScheduler).runDue();
  };

  it('from the report to the second publication', async () => {
    const branch = village.branch.callers[0] as Caller;
    const committee = village.committee.callers[0] as Caller;
    const town = org.people.town.caller;
    // 14 women among the representatives: under one third of 45, the engine warns and goes on.
    await ok(committee.patch(`/api/units/${village.unit}/bodies/villager_representative_meeting`, { womenRepresentatives: 14 }));

    const { id } = await ok<{ id: string }>(
      branch.post('/api/cases', { procedure: 'one-report-four-deliberations', unitId: village.unit, title: '征地补偿款分配方案', description: '按户分配征地补偿款' }),
      201,
    );
    await sendEvent(branch, id, 'report.submit', { summary: '分配方案', matterCategory: 'land_compensation' });
    await sendEvent(town, id, 'report.return', { reason: '受益人名单不清晰' });
    await sendEvent(branch, id, 'report.submit', { summary: '分配方案（附受益人名单）', matterCategory: 'land_compensation' });
    // Nothing can be convened before the township approves.
    expect((await branch.post(`/api/cases/${id}/meetings`, { body: 'party_organisation_meeting', scheduledAt: '2026-01-01T00:00:00.000Z', place: '党员活动室', motion: '提议' })).body).toMatchObject({
      code: 'MEETING_NOT_FOR_THIS_STEP',
    });
    await sendEvent(town, id, 'report.approve', { opinion: '同意' });

    // 一议: the party organisation meeting proposes (roll call, named ballots).
    const proposed = await holdMeeting(t, branch, id, {
      body: 'party_organisation_meeting',
      present: village.branch.ids,
      vote: { mode: 'named', ballots: village.branch.ids.map((p) => [p, 'for'] as [string, 'for']) },
    });
    expect(proposed.passed).toBe(true);
    expect(await caseState(branch, id)).toBe('discussing');

    // 二议: the two committees' joint meeting discusses.
    const jointMembers = [...village.branch.ids, ...village.committee.ids];
    const discussed = await holdMeeting(t, branch, id, { body: 'two_committee_joint_meeting', present: jointMembers.slice(0, 9), vote: { mode: 'tally', for: 8, against: 1, abstain: 0 } });
    expect(discussed).toMatchObject({ passed: true, figures: { expected: 10, present: 9 } });
    expect(await caseState(branch, id)).toBe('reviewing');

    // 三议: the party-member assembly (36 eligible): 18 present is no quorum; then 25 present, 22 for.
    const noQuorum = await holdMeeting(t, branch, id, { body: 'party_member_assembly', present: village.partyMembers.slice(0, 18) });
    expect(noQuorum).toMatchObject({ passed: false, figures: { expected: 36, present: 18 } });
    expect(noQuorum.result?.quorum.met).toBe(false);
    expect(await caseState(branch, id)).toBe('reviewing');
    const reviewed = await holdMeeting(t, branch, id, { body: 'party_member_assembly', present: village.partyMembers.slice(0, 25), vote: { mode: 'tally', for: 22, against: 2, abstain: 1 } });
    expect(reviewed.passed).toBe(true);
    expect(await caseState(branch, id)).toBe('resolving');

    // A clerk cannot publish the resolution before the representative meeting voted.
    expect((await committee.post(`/api/cases/${id}/events`, { type: 'implementation.report', payload: { summary: '已发放' } })).status).toBe(422);

    // 四议: the villager-representative meeting (45 members) resolves by show of hands.
    const roster = [...village.representatives, ...village.committee.ids];
    const resolved: MeetingBody = await holdMeeting(t, committee, id, { body: 'villager_representative_meeting', present: roster.slice(0, 31), vote: { mode: 'tally', for: 24, against: 5, abstain: 2 } });
    expect(resolved).toMatchObject({ passed: true, figures: { expected: 45, present: 31, votes: { for: 24, against: 5, abstain: 2 } } });
    expect(resolved.composition?.warnings.map((w) => w.code)).toEqual(['women_below_one_third']);
    expect(await caseState(committee, id)).toEqual({ resolutionPublished: 'running' });

    // 两公开: the resolution runs its notice, the village reports the payments, the result is published.
    await afterDays(7);
    expect(await caseState(committee, id)).toBe('implementing');
    await sendEvent(committee, id, 'implementation.report', { summary: '补偿款已按名单发放' });
    await afterDays(7);
    const done = await ok<{ status: string; outcome: string }>(committee.get(`/api/cases/${id}`));
    expect(done).toMatchObject({ status: 'closed', outcome: 'completed' });

    // The supervision committee verifies the trail and reads every meeting's record.
    const supervisor = org.people.supervisor.caller;
    expect(await ok(supervisor.get(`/api/cases/${id}/audit/verify`))).toMatchObject({ valid: true, replayMatches: true });
    const meetings = await ok<{ items: MeetingBody[] }>(supervisor.get(`/api/cases/${id}/meetings`));
    expect(meetings.items.map((m) => [m.body, m.passed])).toEqual([
      ['party_organisation_meeting', true],
      ['two_committee_joint_meeting', true],
      ['party_member_assembly', false],
      ['party_member_assembly', true],
      ['villager_representative_meeting', true],
    ]);
    const record = await ok<{ ratio: string; rule: { citation: { zh: string } } }>(supervisor.get(`/api/meetings/${resolved.id}/record`));
    expect(record.ratio).toBe('31/45');
    expect(record.rule.citation.zh).toContain('第二十六条');
    const audit = await ok<{ items: { eventType: string; actor: { kind: string } }[] }>(supervisor.get(`/api/cases/${id}/audit?limit=500`));
    expect(audit.items.filter((e) => e.eventType === 'meeting.closed').every((e) => e.actor.kind === 'system')).toBe(true);
    expect(audit.items.filter((e) => e.eventType === 'meeting.closed')).toHaveLength(5);
  });
});
