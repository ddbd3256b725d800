import { describe, expect, it } from 'vitest';
import { ALL, MORE_THAN_HALF, TWO_THIRDS_OR_MORE } from './counting.js';
import { configuredMeeting, decided, refused, votes } from './meeting.builders.js';
import { DEFAULT_FIVE_PARTY_RULE_CONFIG, DEFAULT_MEMBER_RULE_CONFIG, resolveMemberRuleConfig } from './rule-config.js';

describe(resolveMemberRuleConfig.name, () => {
  it('defaults to two thirds or more present, more than half of those present in favour', () => {
    expect(DEFAULT_MEMBER_RULE_CONFIG).toEqual({ quorum: TWO_THIRDS_OR_MORE, decision: { ...MORE_THAN_HALF, base: 'present' } });
    expect(DEFAULT_FIVE_PARTY_RULE_CONFIG.decision).toEqual(MORE_THAN_HALF);
    expect(DEFAULT_FIVE_PARTY_RULE_CONFIG.quorum.parties).toHaveLength(5);
    expect(resolveMemberRuleConfig(undefined)).toEqual({ ok: true, config: DEFAULT_MEMBER_RULE_CONFIG });
  });

  it('fills a partial configuration from the defaults', () => {
    expect(resolveMemberRuleConfig({ decision: { ...ALL, base: 'present' } })).toEqual({
      ok: true,
      config: { quorum: TWO_THIRDS_OR_MORE, decision: { ...ALL, base: 'present' } },
    });
  });
});

describe('configured member bodies (resident council, party organisation meeting, two-committee joint meeting)', () => {
  it('scenario 1: resident council, 21 members, 15 present, 12 in favour → passes', () => {
    const sut = decided(configuredMeeting({ roster: 21, present: 15, votes: votes(12, 2, 1) }));
    expect(sut.quorum).toMatchObject({ met: true, required: 14 });
    expect(sut.decision).toMatchObject({ passed: true, required: 8 });
    expect(sut.passed).toBe(true);
    expect(sut.rule).toMatchObject({ id: 'local.resident_council', source: 'configuration', config: DEFAULT_MEMBER_RULE_CONFIG });
    expect(sut.rule.citation.en).toBe('Local configuration (no statutory numbers)');
  });

  it.each([
    // two thirds or more of 21 is 14 or more
    [21, 14, true],
    [21, 13, false],
    [30, 20, true],
    [30, 19, false],
  ])('scenario 1 variant: %i members, %i present → quorum %s', (roster, present, met) => {
    expect(decided(configuredMeeting({ roster, present })).quorum.met).toBe(met);
  });

  it.each(['resident_council', 'party_organisation_meeting', 'two_committee_joint_meeting'] as const)(
    '%s applies the default configuration',
    (body) => {
      const sut = decided(configuredMeeting({ body, roster: 9, present: 6, votes: votes(4, 2) }));
      expect(sut.rule).toMatchObject({ id: `local.${body}`, source: 'configuration' });
      expect(sut.passed).toBe(true);
    },
  );

  it.each([
    // more than half present instead of two thirds
    [{ quorum: MORE_THAN_HALF }, 11, 6, true],
    [{ quorum: MORE_THAN_HALF }, 10, 6, false],
    // decision on the eligible, like the party-member assembly
    [{ decision: { ...MORE_THAN_HALF, base: 'eligible' as const } }, 15, 10, false],
    [{ decision: { ...MORE_THAN_HALF, base: 'eligible' as const } }, 15, 11, true],
    // two thirds or more of those present
    [{ decision: { ...TWO_THIRDS_OR_MORE, base: 'present' as const } }, 15, 10, true],
    [{ decision: { ...TWO_THIRDS_OR_MORE, base: 'present' as const } }, 15, 9, false],
  ])('config %o: %i present of 20, %i in favour → passed %s', (config, present, inFavour, passed) => {
    expect(decided(configuredMeeting({ roster: 20, present, config, votes: votes(inFavour) })).passed).toBe(passed);
  });

  it('carries nothing with nobody present, even under an inclusive threshold', () => {
    const sut = decided(configuredMeeting({ roster: 20, present: 0, config: { decision: { ...ALL, base: 'present' } }, votes: votes(0) }));
    expect(sut.decision).toMatchObject({ passed: false, required: 1, base: 0 });
  });

  it.each([
    [{ quorum: { numerator: 0, denominator: 3, inclusive: true } }, 'config.quorum.numerator'],
    [{ quorum: { numerator: 4, denominator: 3, inclusive: true } }, 'config.quorum.numerator'],
    [{ quorum: { numerator: 1, denominator: 0, inclusive: true } }, 'config.quorum.denominator'],
    [{ quorum: { numerator: 1, denominator: 1000, inclusive: true } }, 'config.quorum.denominator'],
    [{ quorum: { numerator: 1.5, denominator: 3, inclusive: true } }, 'config.quorum.numerator'],
    [{ quorum: { numerator: 1, denominator: 2, inclusive: 'yes' } }, 'config.quorum.inclusive'],
    [{ decision: { numerator: 1, denominator: 1, inclusive: false, base: 'present' } }, 'config.decision'],
    [{ decision: { numerator: 1, denominator: 2, inclusive: false, base: 'everyone' } }, 'config.decision.base'],
  ])('refuses configuration %o at %s', (config, field) => {
    expect(refused({ ...configuredMeeting(), config })).toMatchObject({ code: 'invalid_configuration', field });
  });
});
