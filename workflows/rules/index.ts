/** The legal vote rules: pure functions, no I/O, no clock. See docs/rules.md. */
export { BODY_TYPES, BODY_TYPE_NAMES, FIVE_PARTIES, FIVE_PARTY_NAMES, type BodyType, type FiveParty } from './body-types.js';
export { BODY_RULES, STATUTORY_RULES, describeRule, ruleFor } from './body-rules.js';
export {
  ALL,
  FOUR_FIFTHS_OR_MORE,
  MORE_THAN_HALF,
  ONE_THIRD_OR_MORE,
  TWO_THIRDS_OR_MORE,
  minimumFor,
  ratio,
  reaches,
  type Fraction,
} from './counting.js';
export { decideMeeting } from './decide.js';
export { PARTY_MEMBER_ASSEMBLY_RULE, VILLAGER_REPRESENTATIVE_MEETING_RULE } from './member-meeting.rule.js';
export type * from './meeting-rule.types.js';
export {
  COMPOSITION_CITATION,
  checkRepresentativeComposition,
  type CompositionWarning,
  type CompositionWarningCode,
  type RepresentativeComposition,
} from './representative-composition.rule.js';
export { RESIDENTS_ASSEMBLY_RULE } from './residents-assembly.rule.js';
export {
  DEFAULT_FIVE_PARTY_RULE_CONFIG,
  DEFAULT_MEMBER_RULE_CONFIG,
  type DecisionBase,
  type DecisionThreshold,
  type FivePartyRuleConfig,
  type FivePartyRuleConfigInput,
  type MemberRuleConfig,
  type MemberRuleConfigInput,
} from './rule-config.js';
export { MAX_COUNT, RULE_ERROR_CODES, type RuleErrorCode, type RuleInputError, type RuleRejection } from './rule-error.js';
export { VOTE_CHOICES, tallyBallots, type Ballot } from './tally-ballots.js';
export { VILLAGERS_ASSEMBLY_RULE } from './villagers-assembly.rule.js';
