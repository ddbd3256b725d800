import { describe, expect, it } from 'vitest';
import { ruleFor } from '../../workflows/rules/body-rules.js';
import type { AppliedRule } from '../../workflows/rules/meeting-rule.types.js';
import { countMembers, decide, ruleInputOf } from './meeting-figures.js';
import { MeetingError } from './meeting-error.js';
import type { Meeting, MeetingMember } from './meeting-row.js';

const ruleOf = (body: 'villager_representative_meeting' | 'villagers_assembly' | 'party_organisation_meeting'): AppliedRule => {
  const lookup = ruleFor({ body });
  if (!lookup.ok) throw new Error(lookup.error.code);
  return lookup.rule;
};

const aMeeting = (overrides: Partial<Meeting>): Meeting => ({
  id: 'm',
  caseId: 'c',
  unitId: 'u',
  body: 'villager_representative_meeting',
  step: 'resolving',
  status: 'voting',
  votingMode: 'tally',
  scheduledAt: '2026-01-01T00:00:00.000Z',
  noticeGivenAt: '2026-01-01T00:00:00.000Z',
  place: 'p',
  motion: 'm',
  chair: null,
  recorder: null,
  rule: ruleOf('villager_representative_meeting'),
  composition: null,
  expected: null,
  households: null,
  presentCount: null,
  householdsRepresented: null,
  partiesRepresented: null,
  tally: null,
  result: null,
  closingNote: null,
  version: 1,
  convenedBy: 'x',
  convenedAt: '2026-01-01T00:00:00.000Z',
  openedAt: null,
  votingAt: null,
  closedAt: null,
  ...overrides,
});

const members = (present: number, absent: number, recusedPresent = 0): MeetingMember[] => [
  ...Array.from({ length: present }, (_, i) => ({ personId: `p${i}`, name: `p${i}`, membership: 'villager_representative', attendance: 'present' as const, signed: true, recused: i < recusedPresent, recusalReason: null })),
  ...Array.from({ length: absent }, (_, i) => ({ personId: `a${i}`, name: `a${i}`, membership: 'villager_representative', attendance: 'absent' as const, signed: false, recused: false, recusalReason: null })),
];

describe('meeting figures', () => {
  it('counts recused members out of those present and keeps them in the roster', () => {
    expect(countMembers(members(21, 9, 2))).toEqual({ roster: 30, recused: 2, present: 19 });
  });

  it('a representative meeting of 30: 20 present and 11 for passes, 19 present fails for quorum', () => {
    const sut = (present: number, votes: { for: number; against: number; abstain: number }) =>
      decide(ruleInputOf(aMeeting({}), members(present, 30 - present), votes));
    expect(sut(20, { for: 11, against: 9, abstain: 0 }).passed).toBe(true);
    const noQuorum = sut(19, { for: 19, against: 0, abstain: 0 });
    expect(noQuorum.quorum.met).toBe(false);
    expect(noQuorum.passed).toBe(false);
  });

  it('recusal moves the base: 19 counted of 30 with 2 recused is a quorum', () => {
    const result = decide(ruleInputOf(aMeeting({}), members(21, 9, 2), { for: 10, against: 9, abstain: 0 }));
    expect(result.figures.quorumBase).toBe(28);
    expect(result.quorum.met).toBe(true);
  });

  it("villagers' assembly: counts, households alone reach the quorum", () => {
    const meeting = aMeeting({ body: 'villagers_assembly', rule: ruleOf('villagers_assembly'), expected: 800, households: 300, presentCount: 300, householdsRepresented: 200 });
    expect(decide(ruleInputOf(meeting, [], { for: 200, against: 50, abstain: 50 })).passed).toBe(true);
  });

  it('a configured body carries its configuration into the rule', () => {
    const lookup = ruleFor({ body: 'party_organisation_meeting', config: { quorum: { numerator: 1, denominator: 2, inclusive: true } } });
    if (!lookup.ok) throw new Error('rule');
    const meeting = aMeeting({ body: 'party_organisation_meeting', rule: lookup.rule });
    // 2 of 4 is half: enough under 半数以上, not under the default two thirds.
    expect(decide(ruleInputOf(meeting, members(2, 2), { for: 2, against: 0, abstain: 0 })).passed).toBe(true);
  });

  it('figures the rule refuses become RULE_REFUSED with the rule’s message', () => {
    expect(() => decide(ruleInputOf(aMeeting({}), members(2, 1), { for: 3, against: 0, abstain: 0 }))).toThrow(MeetingError);
  });
});
