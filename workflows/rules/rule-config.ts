import { FIVE_PARTY_NAMES, type FiveParty } from './body-types.js';
import { MORE_THAN_HALF, TWO_THIRDS_OR_MORE, type Fraction } from './counting.js';
import { reject, show, type RuleRejection } from './rule-error.js';

/** What the votes in favour are measured against: those present, or everyone who should attend. */
export type DecisionBase = 'present' | 'eligible';

export interface DecisionThreshold extends Fraction {
  readonly base: DecisionBase;
}

/** A member body's rule: quorum as a fraction of the roster after recusal, decision as a fraction of a base. */
export interface MemberRuleConfig {
  readonly quorum: Fraction;
  readonly decision: DecisionThreshold;
}

export interface MemberRuleConfigInput {
  readonly quorum?: Fraction;
  readonly decision?: DecisionThreshold;
}

/** The five-party meeting: which parties must be represented; the share of represented parties in favour. */
export interface FivePartyRuleConfig {
  readonly quorum: { readonly parties: readonly FiveParty[] };
  readonly decision: Fraction;
}

export interface FivePartyRuleConfigInput {
  readonly quorum?: { readonly parties: readonly FiveParty[] };
  readonly decision?: Fraction;
}

/** Defaults for resident council, party organisation meeting, two-committee joint meeting: the
 * statutory rule of the villager-representative meeting (art. 26), the nearest body the law covers. */
export const DEFAULT_MEMBER_RULE_CONFIG: MemberRuleConfig = {
  quorum: TWO_THIRDS_OR_MORE,
  decision: { ...MORE_THAN_HALF, base: 'present' },
};

/** Default for the five-party meeting: all five represented; more than half of the represented in favour. */
export const DEFAULT_FIVE_PARTY_RULE_CONFIG: FivePartyRuleConfig = {
  quorum: { parties: FIVE_PARTY_NAMES },
  decision: MORE_THAN_HALF,
};

/** Largest denominator a configuration may use; real rules use 2, 3, 4, 5. */
export const MAX_DENOMINATOR = 100;

const invalid = (field: string, zh: string, en: string): RuleRejection =>
  reject('invalid_configuration', field, { zh: `${field}：${zh}`, en: `${field}: ${en}` });

const isWhole = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;

/** A fraction that some count can reach and that is not trivially met by nobody. */
const checkFraction = (field: string, f: Fraction): RuleRejection | undefined => {
  if (!isWhole(f.denominator, 1, MAX_DENOMINATOR)) {
    return invalid(`${field}.denominator`, `须为1到${MAX_DENOMINATOR}的整数`, `must be a whole number from 1 to ${MAX_DENOMINATOR}`);
  }
  if (!isWhole(f.numerator, 1, f.denominator)) {
    return invalid(`${field}.numerator`, '须为1到分母之间的整数', 'must be a whole number from 1 to the denominator');
  }
  if (typeof f.inclusive !== 'boolean') {
    return invalid(`${field}.inclusive`, '须为true（以上）或false（超过）', 'must be true (or more) or false (more than)');
  }
  if (!f.inclusive && f.numerator === f.denominator) {
    return invalid(field, '“超过全体”永远无法达到，全体一致请用 1/1 且 inclusive: true', '"more than all" can never be met; for unanimity use 1/1 with inclusive: true');
  }
  return undefined;
};

/** A configuration with the defaults filled in for its missing parts. */
export const withMemberDefaults = (input: MemberRuleConfigInput | undefined): MemberRuleConfig => ({
  quorum: input?.quorum ?? DEFAULT_MEMBER_RULE_CONFIG.quorum,
  decision: input?.decision ?? DEFAULT_MEMBER_RULE_CONFIG.decision,
});

export const withFivePartyDefaults = (input: FivePartyRuleConfigInput | undefined): FivePartyRuleConfig => ({
  quorum: input?.quorum ?? DEFAULT_FIVE_PARTY_RULE_CONFIG.quorum,
  decision: input?.decision ?? DEFAULT_FIVE_PARTY_RULE_CONFIG.decision,
});

export const resolveMemberRuleConfig = (
  input: MemberRuleConfigInput | undefined,
): { ok: true; config: MemberRuleConfig } | RuleRejection => {
  const config = withMemberDefaults(input);
  const bad = checkFraction('config.quorum', config.quorum) ?? checkFraction('config.decision', config.decision);
  if (bad) return bad;
  if (config.decision.base !== 'present' && config.decision.base !== 'eligible') {
    return invalid('config.decision.base', "须为 'present'（实到）或 'eligible'（应到）", "must be 'present' or 'eligible'");
  }
  return { ok: true, config };
};

export const resolveFivePartyRuleConfig = (
  input: FivePartyRuleConfigInput | undefined,
): { ok: true; config: FivePartyRuleConfig } | RuleRejection => {
  const config = withFivePartyDefaults(input);
  const parties: readonly unknown[] = Array.isArray(config.quorum.parties) ? config.quorum.parties : [];
  if (parties.length === 0) {
    return invalid('config.quorum.parties', '至少须要求一方到会', 'must require at least one party');
  }
  const unknown = parties.find((p) => !(FIVE_PARTY_NAMES as readonly unknown[]).includes(p));
  if (unknown !== undefined) {
    return reject('unknown_party', 'config.quorum.parties', {
      zh: `config.quorum.parties：未知的一方 ${show(unknown)}`,
      en: `config.quorum.parties: unknown party ${show(unknown)}`,
    });
  }
  if (new Set(parties).size !== parties.length) {
    return reject('duplicate_entry', 'config.quorum.parties', {
      zh: 'config.quorum.parties：同一方列出两次',
      en: 'config.quorum.parties: a party is listed twice',
    });
  }
  const bad = checkFraction('config.decision', config.decision);
  return bad ?? { ok: true, config };
};
