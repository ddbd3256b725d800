import { describe, expect, it } from 'vitest';
import type { ProcedureDefinition } from '../../core/procedure.js';
import { getProcedure } from '../../registry.js';
import { CaseDriver, person } from '../../testing/case-driver.js';

/** Scenario 3 of shared/scenarios.md: street parking and market stalls, 北坦街道. */
const definition = getProcedure('four-plus-five') as ProcedureDefinition;
const kase = {
  submitterId: null,
  unitPath: [
    { id: 'tianqiao', kind: 'district' as const },
    { id: 'beitan', kind: 'subdistrict' as const },
    { id: 'beitan-community', kind: 'community' as const },
    { id: 'grid-7', kind: 'grid' as const },
  ],
};
const gridWorker = person('grid-7-worker', ['grid_worker', 'grid-7']);
const gridBranch = person('grid-7-branch', ['party_branch', 'grid-7']);
const committee = person('community-committee', ['residents_committee', 'beitan-community']);
const communitySecretary = person('community-secretary', ['community_party_secretary', 'beitan-community']);
const subdistrictCommittee = person('beitan-committee', ['township_party_committee', 'beitan']);
const council = { body: 'resident_council' as const, roster: 15, present: 12, votes: { for: 10, against: 1, abstain: 1 } };

const level = (sut: CaseDriver) => (sut.snapshot.context as { level: string }).level;

describe('scenario 3: market stalls blocking a lane (四+五)', () => {
  it('escalates to the sub-district, whose committee reviews; reopens after a low evaluation, then closes', () => {
    const sut = new CaseDriver(definition, kase);
    expect(level(sut)).toBe('grid');
    sut.send(gridWorker, 'opinion.record', { text: '摊位占道，车辆无法通行', from: '居民' });
    sut.send(gridWorker, 'opinion.record', { text: '希望保留早市', from: '摊主' });
    expect(sut.send(gridBranch, 'case.escalate', { reason: '涉及社区公共道路' }).kind).toBe('accepted');
    expect(level(sut)).toBe('community');
    // The grid worker no longer handles the case; the community does.
    expect(sut.send(gridWorker, 'collection.complete', {})).toMatchObject({ kind: 'forbidden' });
    expect(sut.send(committee, 'collection.complete', {}).kind).toBe('accepted');
    expect(sut.send(committee, 'case.escalate', { reason: '道路跨两个社区' }).kind).toBe('accepted');
    expect(level(sut)).toBe('subdistrict');

    sut.closeMeeting('m-1', council);
    expect(sut.state).toBe('partyReview');
    expect(sut.send(communitySecretary, 'review.approve', {})).toMatchObject({ kind: 'forbidden' });
    sut.send(subdistrictCommittee, 'review.return', { reason: '请补充交通安全意见' });
    expect(sut.state).toBe('deliberation');
    sut.closeMeeting('m-2', council);
    sut.send(subdistrictCommittee, 'review.approve', { opinion: '同意迁移摊位并施划车位' });
    sut.send(committee, 'implementation.report', { summary: '摊位已迁至市场内，车位已施划' });
    expect(sut.state).toBe('evaluation');

    sut.send(committee, 'evaluation.submit', { satisfactionPercent: 65, respondents: 120, method: 'survey' });
    expect(sut.state).toBe('deliberation');
    sut.closeMeeting('m-3', council);
    sut.send(subdistrictCommittee, 'review.approve', {});
    sut.send(committee, 'implementation.report', { summary: '增设临时摊位时段' });
    sut.send(committee, 'evaluation.submit', { satisfactionPercent: 86, respondents: 140, method: 'survey' });
    expect(sut.state).toBe('closed');
  });

  it('closes at exactly the threshold (以上 includes the number) and reopens one point below it', () => {
    const atThreshold = new CaseDriver(definition, kase, { evaluationThresholdPercent: 80 });
    const below = new CaseDriver(definition, kase, { evaluationThresholdPercent: 80 });
    for (const sut of [atThreshold, below]) {
      sut.send(gridWorker, 'opinion.record', { text: '意见' });
      sut.send(gridWorker, 'collection.complete', {});
      sut.closeMeeting('m', council);
      sut.send(gridBranch, 'review.approve', {});
      sut.send(gridWorker, 'implementation.report', { summary: '已落实' });
    }
    atThreshold.send(committee, 'evaluation.submit', { satisfactionPercent: 80, respondents: 50, method: 'meeting' });
    below.send(committee, 'evaluation.submit', { satisfactionPercent: 79, respondents: 50, method: 'meeting' });
    expect(atThreshold.state).toBe('closed');
    expect(below.state).toBe('deliberation');
  });

  it('cannot escalate above the sub-district', () => {
    const sut = new CaseDriver(definition, { ...kase, unitPath: kase.unitPath.slice(0, 3) });
    sut.send(committee, 'case.escalate', { reason: '跨社区' });
    expect(level(sut)).toBe('subdistrict');
    expect(sut.send(subdistrictCommittee, 'case.escalate', { reason: '再提级' })).toMatchObject({ kind: 'guard-rejected', guard: 'canEscalate' });
  });

  it('records an overdue review when the review deadline passes, without deciding anything', () => {
    const sut = new CaseDriver(definition, kase, { reviewDeadlineDays: 3 });
    sut.send(gridWorker, 'opinion.record', { text: '意见' });
    sut.send(gridWorker, 'collection.complete', {});
    sut.closeMeeting('m', council);
    sut.fire('reviewDeadline');
    expect(sut.state).toBe('partyReview');
    expect((sut.snapshot.context as { reviewOverdue: boolean }).reviewOverdue).toBe(true);
  });
});
