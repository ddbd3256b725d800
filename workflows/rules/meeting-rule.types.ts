import type { Label } from '../core/label.js';
import type { BodyType, FiveParty } from './body-types.js';
import type { Fraction } from './counting.js';
import type { RuleRejection } from './rule-error.js';
import type {
  FivePartyRuleConfig,
  FivePartyRuleConfigInput,
  MemberRuleConfig,
  MemberRuleConfigInput,
} from './rule-config.js';

export type VoteChoice = 'for' | 'against' | 'abstain';

/** Named ballots, a show of hands and secret ballots all reduce to these counts. */
export interface VoteCounts {
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
}

/** Bodies whose rule is fixed by law or party regulation. */
export type StatutoryMemberBody = 'villager_representative_meeting' | 'party_member_assembly';
export type AssemblyBody = 'villagers_assembly' | 'residents_assembly';
/** Member bodies with no statutory numbers: each unit configures them (defaults in rule-config.ts). */
export type ConfiguredMemberBody = 'resident_council' | 'party_organisation_meeting' | 'two_committee_joint_meeting';
export type StatutoryBody = StatutoryMemberBody | AssemblyBody;
export type ConfiguredBody = ConfiguredMemberBody | 'five_party_joint_meeting';

/** A meeting of a body with a roster of members. */
export interface MemberMeetingFigures {
  /** 应到: members on the roster; for the party-member assembly, the voting members who should attend. */
  readonly roster: number;
  /** 实到: members present and counted. Recused members are NOT included, even if in the room. */
  readonly present: number;
  /** 回避: members excluded for a conflict of interest. They leave the base (see docs/rules.md). Default 0. */
  readonly recused?: number;
  /** Omit when no vote was taken (e.g. the meeting lacked a quorum). */
  readonly votes?: VoteCounts;
}

export type StatutoryMemberMeetingInput = { readonly body: StatutoryMemberBody } & MemberMeetingFigures;

export type ConfiguredMemberMeetingInput = {
  readonly body: ConfiguredMemberBody;
  /** Missing parts take the defaults (DEFAULT_MEMBER_RULE_CONFIG). */
  readonly config?: MemberRuleConfigInput;
} & MemberMeetingFigures;

/** A meeting of the whole village or community, or of its households' representatives. */
export interface AssemblyFigures {
  /** Villagers / residents aged 18 or over. */
  readonly adults: number;
  /** Persons attending (each an adult; a household representative is one of them). */
  readonly present: number;
  /** Households of the village / community. Give together with householdsRepresented, or neither. */
  readonly households?: number;
  /** Households with a representative attending. */
  readonly householdsRepresented?: number;
  readonly votes?: VoteCounts;
}

export type VillagersAssemblyInput = { readonly body: 'villagers_assembly' } & AssemblyFigures;

export type ResidentsAssemblyInput = {
  readonly body: 'residents_assembly';
  /** Representatives elected by the residents' groups (2–3 each). Give with groupRepresentativesPresent. */
  readonly groupRepresentatives?: number;
  readonly groupRepresentativesPresent?: number;
} & AssemblyFigures;

export interface FivePartyMeetingInput {
  readonly body: 'five_party_joint_meeting';
  readonly config?: FivePartyRuleConfigInput;
  /** The parties with someone at the meeting. Each party has one voice, however many attend. */
  readonly represented: readonly FiveParty[];
  /** Each represented party's position; a represented party without one did not vote. */
  readonly positions?: Partial<Record<FiveParty, VoteChoice>>;
  /** Or a tally of parties, when positions were not recorded per party. Not both. */
  readonly votes?: VoteCounts;
}

export type MeetingRuleInput =
  | VillagersAssemblyInput
  | ResidentsAssemblyInput
  | StatutoryMemberMeetingInput
  | ConfiguredMemberMeetingInput
  | FivePartyMeetingInput;

/** Which body's rule to apply, with the unit's configuration where the body takes one. */
export type RuleSelection =
  | { readonly body: StatutoryBody }
  | { readonly body: ConfiguredMemberBody; readonly config?: MemberRuleConfigInput }
  | { readonly body: 'five_party_joint_meeting'; readonly config?: FivePartyRuleConfigInput };

export type RuleSource = 'statutory' | 'configuration';

export interface AppliedRule {
  /** Stable identifier, e.g. `villagers-committees-law.art-22`, `local.resident_council`. */
  readonly id: string;
  readonly body: BodyType;
  readonly name: Label;
  readonly source: RuleSource;
  /** 《村民委员会组织法》第二十二条 …, or 本地配置 / local configuration. */
  readonly citation: Label;
  /** The rule in one sentence, for the UI and the meeting record. */
  readonly description: Label;
  /** The configuration in force (defaults filled in); only for source 'configuration'. */
  readonly config?: MemberRuleConfig | FivePartyRuleConfig;
}

export type QuorumMeasure = 'members' | 'adults' | 'households' | 'group_representatives' | 'parties';

/** One way a quorum can be reached (the villagers' assembly has two, either suffices). */
export interface QuorumCheck {
  readonly measure: QuorumMeasure;
  readonly base: number;
  readonly actual: number;
  readonly required: number;
  readonly threshold: Fraction;
  readonly met: boolean;
  /** e.g. 实到25人，达到应到36人的过半数（至少19人） */
  readonly explanation: Label;
}

export interface QuorumOutcome {
  readonly met: boolean;
  /** The required count on the first (primary) check. */
  readonly required: number;
  readonly base: number;
  readonly actual: number;
  readonly checks: readonly QuorumCheck[];
  readonly explanation: Label;
}

/** What the votes in favour are measured against. */
export type DecisionBasis = 'present' | 'eligible' | 'represented_parties';

export interface DecisionOutcome {
  /** false when no votes were given: nothing was decided. */
  readonly voted: boolean;
  /**
   * The arithmetic of the vote alone. The meeting's outcome is MeetingResult.passed, which also
   * needs the quorum: a vote without a quorum decides nothing.
   */
  readonly passed: boolean;
  readonly required: number;
  readonly base: number;
  readonly basis: DecisionBasis;
  readonly threshold: Fraction;
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
  /** Present (or represented) but recorded in no column. */
  readonly notVoting: number;
  readonly explanation: Label;
}

export interface MeetingFigures {
  /** 应到: roster, adult population, or parties required. */
  readonly expected: number;
  /** 实到: present and counted (persons, or parties represented). */
  readonly present: number;
  readonly recused: number;
  /** present over the quorum base, e.g. "25/36". */
  readonly ratio: string;
  readonly quorumBase: number;
  readonly decisionBase: number;
  readonly households?: { readonly total: number; readonly represented: number; readonly ratio: string };
  readonly groupRepresentatives?: { readonly total: number; readonly present: number; readonly ratio: string };
  readonly parties?: { readonly represented: readonly FiveParty[]; readonly missing: readonly FiveParty[] };
}

export interface MeetingResult {
  readonly ok: true;
  readonly rule: AppliedRule;
  readonly figures: MeetingFigures;
  readonly quorum: QuorumOutcome;
  readonly decision: DecisionOutcome;
  /** quorum.met && decision.passed */
  readonly passed: boolean;
  readonly explanation: Label;
}

export type MeetingOutcome = MeetingResult | RuleRejection;
