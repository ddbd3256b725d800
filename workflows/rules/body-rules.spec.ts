import { describe, expect, it } from 'vitest';
import { BODY_RULES, describeRule, ruleFor } from './body-rules.js';
import { BODY_TYPE_NAMES, BODY_TYPES } from './body-types.js';
import { ALL, MORE_THAN_HALF } from './counting.js';

describe('BODY_RULES', () => {
  it('has a rule for every body type, with zh and en wording', () => {
    expect(Object.keys(BODY_RULES).sort()).toEqual([...BODY_TYPE_NAMES].sort());
    for (const body of BODY_TYPE_NAMES) {
      const sut = BODY_RULES[body];
      expect(sut, body).toBeDefined();
      expect(sut.body).toBe(body);
      expect(sut.name).toEqual(BODY_TYPES[body]);
      for (const label of [sut.citation, sut.description]) {
        expect(label.zh.length, body).toBeGreaterThan(0);
        expect(label.en.length, body).toBeGreaterThan(0);
      }
    }
  });

  it('marks the statutory rules and the configured ones', () => {
    const sources = Object.fromEntries(BODY_TYPE_NAMES.map((b) => [b, BODY_RULES[b].source]));
    expect(sources).toEqual({
      villagers_assembly: 'statutory',
      villager_representative_meeting: 'statutory',
      party_member_assembly: 'statutory',
      residents_assembly: 'statutory',
      two_committee_joint_meeting: 'configuration',
      party_organisation_meeting: 'configuration',
      resident_council: 'configuration',
      five_party_joint_meeting: 'configuration',
    });
  });
});

describe(describeRule.name, () => {
  it.each([
    [
      { body: 'two_committee_joint_meeting' as const },
      '两委联席会议：实到须达到应到的三分之二以上；赞成须达到实到的过半数（本地配置）',
      'Two-committee joint meeting: two thirds or more of the members present; passes with more than half of those present in favour (local configuration)',
    ],
    [
      { body: 'resident_council' as const, config: { quorum: MORE_THAN_HALF, decision: { ...ALL, base: 'eligible' as const } } },
      '居民议事会：实到须达到应到的过半数；赞成须达到应到全体（本地配置）',
      'Resident council: more than half of the members present; passes with all of the members who should attend in favour (local configuration)',
    ],
    [
      { body: 'five_party_joint_meeting' as const },
      '五方联席会议：五方均须到会；赞成方须达到到会各方的过半数（本地配置）',
      'Five-party joint meeting: all five parties represented; passes with more than half of the parties represented in favour (local configuration)',
    ],
    [
      { body: 'five_party_joint_meeting' as const, config: { quorum: { parties: ['owners_committee' as const, 'property_company' as const] }, decision: ALL } },
      '五方联席会议：业主委员会、物业服务企业须到会；到会各方一致赞成（本地配置）',
      "Five-party joint meeting: Owners' committee, Property-management company represented; passes when every party represented is in favour (local configuration)",
    ],
    [
      { body: 'villager_representative_meeting' as const },
      '村民代表会议：有三分之二以上的组成人员参加方可召开；所作决定经到会人员的过半数同意',
      'Villager-representative meeting: two thirds or more of its members attend; a decision needs more than half of those present',
    ],
  ])('words %o', (selection, zh, en) => {
    expect(describeRule(selection)).toEqual({ zh, en });
  });
});

describe(ruleFor.name, () => {
  it('refuses a configuration for a statutory rule', () => {
    expect(ruleFor({ body: 'villager_representative_meeting', config: {} } as never)).toMatchObject({
      ok: false,
      error: { code: 'configuration_not_allowed', field: 'config' },
    });
  });

  it('refuses an unknown body', () => {
    expect(ruleFor({ body: 'board_meeting' } as never)).toMatchObject({ ok: false, error: { code: 'unknown_body' } });
  });
});
