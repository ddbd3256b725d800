import { describe, expect, it } from 'vitest';
import type { ProcedureDefinition } from '../../core/procedure.js';
import { DAY_MS } from '../../core/procedure.js';
import { getProcedure } from '../../registry.js';
import { checkRepresentativeComposition } from '../../rules/representative-composition.rule.js';
import { CaseDriver, SYSTEM_ACTOR, person } from '../../testing/case-driver.js';

/** Scenario 2 of shared/scenarios.md: land-compensation distribution in a village under 桑梓店镇. */
const definition = getProcedure('one-report-four-deliberations') as ProcedureDefinition;
const kase = {
  submitterId: null,
  unitPath: [
    { id: 'tianqiao', kind: 'district' as const },
    { id: 'sangzidian', kind: 'town' as const },
    { id: 'village', kind: 'village' as const },
  ],
};
const branch = person('branch-secretary', ['party_branch', 'village']);
const town = person('town-committee', ['township_party_committee', 'sangzidian']);
const committee = person('village-director', ['village_committee', 'village']);
const supervisor = person('supervisor', ['supervisor', 'village']);

const reportApproved = (config: Record<string, unknown> = {}) => {
  const sut = new CaseDriver(definition, kase, config);
  sut.send(branch, 'report.submit', { summary: '征地补偿款分配方案', matterCategory: 'land_compensation' });
  sut.send(town, 'report.return', { reason: '受益人名单不清晰，请补充' });
  sut.send(branch, 'report.submit', { summary: '征地补偿款分配方案（附受益人名单）', matterCategory: 'land_compensation' });
  sut.send(town, 'report.approve', {});
  return sut;
};

const throughReview = (config: Record<string, unknown> = {}) => {
  const sut = reportApproved(config);
  sut.closeMeeting('m-branch', { body: 'party_organisation_meeting', roster: 5, present: 5, votes: { for: 5, against: 0, abstain: 0 } });
  sut.closeMeeting('m-joint', { body: 'two_committee_joint_meeting', roster: 7, present: 7, votes: { for: 6, against: 1, abstain: 0 } });
  sut.closeMeeting('m-party-1', { body: 'party_member_assembly', roster: 36, present: 18 });
  sut.closeMeeting('m-party-2', { body: 'party_member_assembly', roster: 36, present: 25, votes: { for: 22, against: 2, abstain: 1 } });
  return sut;
};

describe('scenario 2: land-compensation distribution (一报四议两公开)', () => {
  it('returns the report once, then approves it, before any deliberation', () => {
    const sut = reportApproved();
    expect(sut.state).toBe('proposing');
    expect(sut.log).toEqual(['report.submit: accepted', 'report.return: accepted', 'report.submit: accepted', 'report.approve: accepted']);
    expect((sut.snapshot.context as { reportReturns: number }).reportReturns).toBe(1);
  });

  it('keeps the case at review when the party-member assembly lacks a quorum, and moves on when the second one passes', () => {
    const sut = reportApproved();
    sut.closeMeeting('m-branch', { body: 'party_organisation_meeting', roster: 5, present: 5, votes: { for: 5, against: 0, abstain: 0 } });
    sut.closeMeeting('m-joint', { body: 'two_committee_joint_meeting', roster: 7, present: 7, votes: { for: 6, against: 1, abstain: 0 } });
    const first = sut.closeMeeting('m-party-1', { body: 'party_member_assembly', roster: 36, present: 18 });
    expect(first.result.quorum.met).toBe(false);
    expect(sut.state).toBe('reviewing');
    const second = sut.closeMeeting('m-party-2', { body: 'party_member_assembly', roster: 36, present: 25, votes: { for: 22, against: 2, abstain: 1 } });
    expect(second.result.passed).toBe(true);
    expect(sut.state).toBe('resolving');
  });

  it('resolves by show of hands at the representative meeting, warning (not blocking) on too few women', () => {
    const sut = throughReview();
    const composition = checkRepresentativeComposition({ members: 45, representatives: 38, women: 14 });
    expect(composition.ok && composition.warnings.map((w) => w.code)).toEqual(['women_below_one_third']);
    const { result } = sut.closeMeeting('m-reps', {
      body: 'villager_representative_meeting',
      roster: 45,
      present: 31,
      votes: { for: 24, against: 5, abstain: 2 },
    });
    expect(result.passed).toBe(true);
    expect(result.rule.source).toBe('statutory');
    expect(sut.state).toEqual({ resolutionPublished: 'running' });
    expect([...sut.timers.keys()]).toEqual(['resolutionNotice']);
  });

  it('publishes the resolution and the result, each for its period, then closes', () => {
    const sut = throughReview();
    sut.closeMeeting('m-reps', { body: 'villager_representative_meeting', roster: 45, present: 31, votes: { for: 24, against: 5, abstain: 2 } });
    expect(sut.fire('resolutionNotice').kind).toBe('accepted');
    expect(sut.state).toBe('implementing');
    expect(sut.send(committee, 'implementation.report', { summary: '补偿款已按名单发放', completedOn: '2026-03-01' }).kind).toBe('accepted');
    expect(sut.state).toEqual({ resultPublished: 'running' });
    expect(sut.fire('resultNotice').kind).toBe('accepted');
    expect(sut.state).toBe('closed');
    expect(sut.snapshot.status).toBe('done');
  });

  it('schedules each publication for its configured number of days', () => {
    const sut = throughReview({ resolutionNoticeDays: 10, resultNoticeDays: 5 });
    const reps = sut.closeMeeting('m-reps', { body: 'villager_representative_meeting', roster: 45, present: 31, votes: { for: 24, against: 5, abstain: 2 } });
    expect(reps.decision.kind === 'accepted' && reps.decision.timers.schedule).toEqual([
      { id: 'resolutionNotice', event: { type: 'notice.periodEnded', payload: {} }, delayMs: 10 * DAY_MS },
    ]);
    sut.fire('resolutionNotice');
    const report = sut.send(committee, 'implementation.report', { summary: '补偿款已发放' });
    expect(report.kind === 'accepted' && report.timers.schedule.map((t) => t.delayMs)).toEqual([5 * DAY_MS]);
  });
});

describe('scenario 5: what the village procedure refuses', () => {
  it('refuses to publish or implement the resolution before the representative meeting voted', () => {
    const sut = throughReview();
    expect(sut.send(committee, 'implementation.report', { summary: '提前发放' })).toMatchObject({ kind: 'not-accepted' });
    expect(sut.send(SYSTEM_ACTOR, 'notice.periodEnded')).toMatchObject({ kind: 'not-accepted' });
    expect(sut.state).toBe('resolving');
  });

  it('refuses a meeting result from any person: only the engine reports votes', () => {
    const sut = reportApproved();
    const forged = { meetingId: 'fake', body: 'party_organisation_meeting', quorumMet: true, passed: true, ruleId: 'x' };
    expect(sut.send(branch, 'meeting.closed', forged)).toEqual({ kind: 'forbidden', type: 'meeting.closed' });
    expect(sut.send(town, 'meeting.closed', forged)).toEqual({ kind: 'forbidden', type: 'meeting.closed' });
    expect(sut.state).toBe('proposing');
  });

  it('refuses a deliberation before the report is approved', () => {
    const sut = new CaseDriver(definition, kase);
    sut.send(branch, 'report.submit', { summary: '方案', matterCategory: 'land_compensation' });
    const { decision } = sut.closeMeeting('m-early', { body: 'party_organisation_meeting', roster: 5, present: 5, votes: { for: 5, against: 0, abstain: 0 } });
    expect(decision).toMatchObject({ kind: 'not-accepted' });
    expect(sut.state).toBe('reported');
  });

  it('refuses the wrong body for a step: the two committees cannot stand in for the party-member assembly', () => {
    const sut = reportApproved();
    sut.closeMeeting('m-branch', { body: 'party_organisation_meeting', roster: 5, present: 5, votes: { for: 5, against: 0, abstain: 0 } });
    sut.closeMeeting('m-joint', { body: 'two_committee_joint_meeting', roster: 7, present: 7, votes: { for: 7, against: 0, abstain: 0 } });
    const { decision } = sut.closeMeeting('m-joint-2', { body: 'two_committee_joint_meeting', roster: 7, present: 7, votes: { for: 7, against: 0, abstain: 0 } });
    expect(decision).toMatchObject({ kind: 'guard-rejected', guard: 'meetingOfStep' });
    expect(sut.state).toBe('reviewing');
  });

  it('refuses a return without a reason, and a supervisor acting at all', () => {
    const sut = new CaseDriver(definition, kase);
    sut.send(branch, 'report.submit', { summary: '方案', matterCategory: 'land_compensation' });
    expect(sut.send(town, 'report.return', {})).toMatchObject({ kind: 'invalid-payload', errors: [{ field: 'reason', code: 'FIELD_REQUIRED' }] });
    expect(sut.send(supervisor, 'report.approve', {})).toEqual({ kind: 'forbidden', type: 'report.approve' });
    expect(sut.state).toBe('reported');
  });

  it('sends the matter back to the two committees when an objection to the resolution is upheld', () => {
    const sut = throughReview();
    sut.closeMeeting('m-reps', { body: 'villager_representative_meeting', roster: 45, present: 31, votes: { for: 24, against: 5, abstain: 2 } });
    sut.send(SYSTEM_ACTOR, 'objection.filed', { objectionId: 'obj-1' });
    expect(sut.send(committee, 'objection.uphold', { objectionId: 'obj-1', reason: '名单漏列一户' }).kind).toBe('accepted');
    expect(sut.state).toBe('discussing');
    expect(sut.timers.size).toBe(0);
  });
});
