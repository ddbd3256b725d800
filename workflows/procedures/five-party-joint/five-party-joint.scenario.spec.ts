import { describe, expect, it } from 'vitest';
import type { ProcedureDefinition } from '../../core/procedure.js';
import { getProcedure } from '../../registry.js';
import { FIVE_PARTY_NAMES } from '../../rules/body-types.js';
import { CaseDriver, person } from '../../testing/case-driver.js';

/** Scenario 4 of shared/scenarios.md: an elevator for an old six-storey building in a gated estate. */
const definition = getProcedure('five-party-joint') as ProcedureDefinition;
const kase = {
  submitterId: 'owner-chen',
  unitPath: [
    { id: 'tianqiao', kind: 'district' as const },
    { id: 'beicun', kind: 'subdistrict' as const },
    { id: 'gated', kind: 'community' as const },
    { id: 'building-6', kind: 'building' as const },
  ],
};
const secretary = person('secretary', ['community_party_secretary', 'gated']);
const committee = person('committee', ['residents_committee', 'gated']);

const accepted = () => {
  const sut = new CaseDriver(definition, kase);
  sut.send(secretary, 'issue.accept', { note: '六层老楼加装电梯' });
  return sut;
};

describe('scenario 4: elevator installation (五位一体)', () => {
  it('decides with all five parties present, assigns the property company, feeds back and closes', () => {
    const sut = accepted();
    const { result } = sut.closeMeeting('m-joint', {
      body: 'five_party_joint_meeting',
      represented: [...FIVE_PARTY_NAMES],
      votes: { for: 5, against: 0, abstain: 0 },
    });
    expect(result.passed).toBe(true);
    expect(sut.state).toBe('decided');
    sut.send(secretary, 'implementation.assign', { responsibleParty: 'property_company', task: '按楼层分摊费用，组织施工' });
    expect((sut.snapshot.context as { responsibleParty: string }).responsibleParty).toBe('property_company');
    expect([...sut.timers.keys()]).toEqual(['implementationDeadline']);
    sut.send(committee, 'implementation.report', { summary: '电梯已安装并通过验收' });
    expect(sut.timers.size).toBe(0);
    sut.send(committee, 'feedback.report', { summary: '已在楼栋公告栏公布', channel: 'notice_board' });
    expect(sut.state).toBe('closed');
  });

  it('cannot decide when the owners’ committee is absent (variant)', () => {
    const sut = accepted();
    const { result, decision } = sut.closeMeeting('m-joint', {
      body: 'five_party_joint_meeting',
      represented: FIVE_PARTY_NAMES.filter((p) => p !== 'owners_committee'),
      votes: { for: 4, against: 0, abstain: 0 },
    });
    expect(result.quorum.met).toBe(false);
    expect(result.quorum.explanation.zh).toContain('业主委员会');
    expect(decision.kind).toBe('accepted');
    expect(sut.state).toBe('jointMeeting');
  });

  it('refuses a responsible party that is not one of the five', () => {
    const sut = accepted();
    sut.closeMeeting('m', { body: 'five_party_joint_meeting', represented: [...FIVE_PARTY_NAMES], votes: { for: 5, against: 0, abstain: 0 } });
    expect(sut.send(secretary, 'implementation.assign', { responsibleParty: 'contractor', task: '施工' })).toMatchObject({
      kind: 'invalid-payload',
      errors: [{ field: 'responsibleParty', code: 'FIELD_NOT_ALLOWED_VALUE' }],
    });
  });
});
