import { describe, expect, it } from 'vitest';
import type { ProcedureDefinition } from '../../core/procedure.js';
import { getProcedure } from '../../registry.js';
import { CaseDriver, SYSTEM_ACTOR, person } from '../../testing/case-driver.js';

/** Scenario 1 of shared/scenarios.md: a professional operator for the day-care centre, 翡翠郡社区. */
const definition = getProcedure('five-step') as ProcedureDefinition;
const kase = {
  submitterId: 'resident-wang',
  unitPath: [
    { id: 'tianqiao', kind: 'district' as const },
    { id: 'beitan', kind: 'subdistrict' as const },
    { id: 'feicuijun', kind: 'community' as const },
  ],
};
const resident = person('resident-wang', ['resident', 'feicuijun']);
const clerk = person('clerk-li', ['council_clerk', 'feicuijun']);
const gridWorker = person('grid-zhao', ['grid_worker', 'feicuijun']);
const secretary = person('secretary-sun', ['community_party_secretary', 'feicuijun']);
const committee = person('committee-zhou', ['residents_committee', 'feicuijun']);

const researched = () => {
  const sut = new CaseDriver(definition, kase);
  sut.send(clerk, 'topic.accept', {});
  sut.send(gridWorker, 'research.addFinding', { summary: '走访120户老年人家庭', method: 'visit' });
  sut.send(clerk, 'research.addFinding', { summary: '需求问卷：课程、康复理疗、外出活动', method: 'survey' });
  sut.send(gridWorker, 'research.addOpinion', { text: '希望引入专业机构运营', from: '老年居民' });
  sut.send(clerk, 'research.complete', {});
  return sut;
};

describe('scenario 1: day-care centre operator (五步议事)', () => {
  it('carries the case from topic to completion, with one objection answered', () => {
    const sut = researched();
    expect(sut.state).toBe('consultation');
    const { result } = sut.closeMeeting('m-council', { body: 'resident_council', roster: 21, present: 15, votes: { for: 12, against: 2, abstain: 1 } });
    expect(result.passed).toBe(true);
    expect(sut.state).toBe('study');
    sut.send(secretary, 'study.approve', { opinion: '同意引入专业机构运营日间照料中心' });
    expect(sut.state).toEqual({ publicNotice: 'running' });
    sut.send(SYSTEM_ACTOR, 'objection.filed', { objectionId: 'obj-fees' });
    expect(sut.send(clerk, 'objection.dismiss', { objectionId: 'obj-fees', reason: '收费按物价部门核定标准执行' }).kind).toBe('accepted');
    sut.fire('noticePeriod');
    expect(sut.state).toBe('implementation');
    sut.send(committee, 'implementation.report', { summary: '居委会已与运营机构签订合同', completedOn: '2016-01-15' });
    expect(sut.state).toBe('completed');
    expect(sut.log.filter((line) => !line.endsWith('accepted'))).toEqual([]);
  });

  it('sends the topic back to research when the consultation meeting lacks a quorum (variant)', () => {
    const sut = researched();
    const { result } = sut.closeMeeting('m-council', { body: 'resident_council', roster: 21, present: 13 });
    expect(result.quorum.met).toBe(false);
    expect(sut.state).toBe('research');
  });

  it('lets only the submitter withdraw, and only before consultation', () => {
    const sut = new CaseDriver(definition, kase);
    sut.send(clerk, 'topic.accept', {});
    expect(sut.send(clerk, 'case.withdraw', { reason: '代为撤回' })).toMatchObject({ kind: 'forbidden' });
    const late = researched();
    expect(late.send(resident, 'case.withdraw', { reason: '不再需要' })).toMatchObject({ kind: 'not-accepted' });
    expect(sut.send(resident, 'case.withdraw', { reason: '已另行解决' }).kind).toBe('accepted');
    expect(sut.state).toBe('withdrawn');
  });

  it('refuses to move to consultation without a finding', () => {
    const sut = new CaseDriver(definition, kase);
    sut.send(clerk, 'topic.accept', {});
    expect(sut.send(clerk, 'research.complete', {})).toMatchObject({ kind: 'guard-rejected', guard: 'hasFindings' });
  });

  it('returns the case to consultation when an objection is upheld, cancelling the notice period', () => {
    const sut = researched();
    sut.closeMeeting('m-council', { body: 'resident_council', roster: 21, present: 15, votes: { for: 12, against: 2, abstain: 1 } });
    sut.send(secretary, 'study.approve', { opinion: '同意' });
    sut.send(SYSTEM_ACTOR, 'objection.filed', { objectionId: 'obj-1' });
    sut.send(committee, 'objection.uphold', { objectionId: 'obj-1', reason: '未征求楼栋居民意见' });
    expect(sut.state).toBe('consultation');
    expect(sut.timers.has('noticePeriod')).toBe(false);
  });
});
