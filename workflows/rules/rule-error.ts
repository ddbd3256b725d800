import type { Label } from '../core/label.js';

/**
 * Why a rule refused its input. The rules never throw for bad figures: they return
 * `{ ok: false, error }`, so the meetings module can map each code to a 4xx with an exhaustive
 * switch and show the zh/en message next to the offending field.
 */
export const RULE_ERROR_CODES = [
  /** A figure is not a whole number from 0 to MAX_COUNT. */
  'invalid_count',
  /** The base is zero (nobody on the roster, or everybody recused): there is nothing to count. */
  'empty_base',
  /** More recused than on the roster. */
  'recused_exceed_roster',
  /** More present than could attend (roster after recusal, adult population, elected representatives). */
  'present_exceed_base',
  /** More households represented than the households of the village or community. */
  'represented_exceed_households',
  /** More households represented than persons attending: every represented household sends someone. */
  'represented_exceed_present',
  /** More votes than voters present (or parties represented). */
  'votes_exceed_present',
  /** A pair of figures that only make sense together was given half-way. */
  'incomplete_figures',
  /** A configuration fraction or option that cannot work. */
  'invalid_configuration',
  /** A configuration was given for a body whose rule is fixed by law. */
  'configuration_not_allowed',
  /** A body type the rules do not know. */
  'unknown_body',
  /** A party that is not one of the five parties. */
  'unknown_party',
  /** A party or a voter named twice. */
  'duplicate_entry',
  /** A position recorded for a party that is not represented. */
  'position_of_absent_party',
  /** Both a tally and per-party positions were given. */
  'conflicting_votes',
  /** A vote that is not for, against or abstain. */
  'invalid_choice',
  /** Composition figures that contradict each other (e.g. representatives + committee ≠ members). */
  'composition_mismatch',
] as const;

export type RuleErrorCode = (typeof RULE_ERROR_CODES)[number];

export interface RuleInputError {
  readonly code: RuleErrorCode;
  /** The input path of the offending figure, e.g. `present`, `votes.for`, `config.quorum.denominator`. */
  readonly field: string;
  readonly message: Label;
}

export interface RuleRejection {
  readonly ok: false;
  readonly error: RuleInputError;
}

export const reject = (code: RuleErrorCode, field: string, message: Label): RuleRejection => ({
  ok: false,
  error: { code, field, message },
});

/** A value as received, for messages about bad input. */
export const show = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined) return String(value);
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
};

/** Headcounts above this are not a village or community; it also keeps products far below 2^53. */
export const MAX_COUNT = 1_000_000_000;

/** A headcount must be a whole number from 0 to MAX_COUNT. */
export const checkCount = (field: string, value: unknown): RuleRejection | undefined =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_COUNT
    ? undefined
    : reject('invalid_count', field, {
        zh: `${field} 必须是0到${MAX_COUNT}之间的整数（收到：${show(value)}）`,
        en: `${field} must be a whole number from 0 to ${MAX_COUNT} (got ${show(value)})`,
      });

/** The first rejection among checks run in order, so the message names the first bad figure. */
export const firstRejection = (
  ...checks: readonly (() => RuleRejection | undefined)[]
): RuleRejection | undefined => {
  for (const check of checks) {
    const rejection = check();
    if (rejection) return rejection;
  }
  return undefined;
};
