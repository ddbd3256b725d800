import { fivePartyRule, memberRule, ruleFor, unknownBody } from './body-rules.js';
import { decideFivePartyMeeting } from './five-party-meeting.rule.js';
import { decideMemberMeeting, PARTY_MEMBER_ASSEMBLY_RULE, VILLAGER_REPRESENTATIVE_MEETING_RULE } from './member-meeting.rule.js';
import type { AppliedRule, MeetingOutcome, MeetingRuleInput, StatutoryBody } from './meeting-rule.types.js';
import { decideResidentsAssembly } from './residents-assembly.rule.js';
import { decideVillagersAssembly } from './villagers-assembly.rule.js';

/** A statutory body's rule, refusing any configuration (ruleFor says why), then the decision. */
const underStatute = (
  input: Extract<MeetingRuleInput, { body: StatutoryBody }>,
  decide: (rule: AppliedRule) => MeetingOutcome,
): MeetingOutcome => {
  const lookup = ruleFor(input);
  return lookup.ok ? decide(lookup.rule) : lookup;
};

/**
 * The one entry point for the meetings module and the engine: apply the body's rule to a
 * meeting's figures. Never throws for bad figures; returns `{ ok: false, error }` instead.
 */
export const decideMeeting = (input: MeetingRuleInput): MeetingOutcome => {
  if (typeof input !== 'object' || input === null) return unknownBody(input);
  switch (input.body) {
    case 'villagers_assembly':
      return underStatute(input, (rule) => decideVillagersAssembly({ input, rule }));
    case 'residents_assembly':
      return underStatute(input, (rule) => decideResidentsAssembly({ input, rule }));
    case 'villager_representative_meeting':
      return underStatute(input, (rule) => decideMemberMeeting({ input, config: VILLAGER_REPRESENTATIVE_MEETING_RULE, rule }));
    case 'party_member_assembly':
      return underStatute(input, (rule) => decideMemberMeeting({ input, config: PARTY_MEMBER_ASSEMBLY_RULE, rule }));
    case 'resident_council':
    case 'party_organisation_meeting':
    case 'two_committee_joint_meeting': {
      const lookup = memberRule(input.body, input.config);
      return lookup.ok ? decideMemberMeeting({ input, config: lookup.config, rule: lookup.rule }) : lookup;
    }
    case 'five_party_joint_meeting': {
      const lookup = fivePartyRule(input.config);
      return lookup.ok ? decideFivePartyMeeting({ input, config: lookup.config, rule: lookup.rule }) : lookup;
    }
    default:
      return unknownBody((input as { body?: unknown }).body);
  }
};
