import type { AnyMachineSnapshot } from 'xstate';
import type { StateMeta } from '../../workflows/core/procedure.js';
import type { BodyType } from '../../workflows/rules/body-types.js';
import { decideMeeting } from '../../workflows/rules/decide.js';
import type { MeetingResult, MeetingRuleInput, VoteCounts } from '../../workflows/rules/meeting-rule.types.js';
import type { FivePartyRuleConfigInput, MemberRuleConfigInput } from '../../workflows/rules/rule-config.js';
import { BODY_DEFINITIONS } from './bodies.js';
import { MeetingError, MeetingErrorCode } from './meeting-error.js';
import type { Meeting, MeetingMember } from './meeting-row.js';

/** The bodies the case's current step declares (`meta.meeting.bodies`); empty when no meeting decides it. */
export const bodiesOfStep = (snapshot: AnyMachineSnapshot): BodyType[] => {
  const meta = snapshot.getMeta() as Record<string, StateMeta | undefined>;
  return Object.values(meta).flatMap((m) => m?.meeting?.bodies ?? []);
};

/** Counted attendance of a named body: present and not recused (docs/rules.md, recusal). */
export const countMembers = (members: readonly MeetingMember[]) => ({
  roster: members.length,
  recused: members.filter((m) => m.recused).length,
  present: members.filter((m) => m.attendance === 'present' && !m.recused).length,
});

/** The rule's input for a meeting as recorded: figures from the frozen roster or the counts, and the votes. */
export const ruleInputOf = (meeting: Meeting, members: readonly MeetingMember[], votes: VoteCounts | undefined): MeetingRuleInput => {
  const withVotes = votes === undefined ? {} : { votes };
  const config = meeting.rule.source === 'configuration' ? meeting.rule.config : undefined;
  switch (BODY_DEFINITIONS[meeting.body].attendance) {
    case 'named': {
      const { roster, recused, present } = countMembers(members);
      const figures = { roster, recused, present, ...withVotes };
      if (meeting.body === 'villager_representative_meeting' || meeting.body === 'party_member_assembly') return { body: meeting.body, ...figures };
      return { body: meeting.body as 'resident_council', ...figures, ...(config ? { config: config as MemberRuleConfigInput } : {}) };
    }
    case 'counts': {
      const households =
        meeting.households !== null && meeting.householdsRepresented !== null
          ? { households: meeting.households, householdsRepresented: meeting.householdsRepresented }
          : {};
      return { body: meeting.body as 'villagers_assembly', adults: meeting.expected ?? 0, present: meeting.presentCount ?? 0, ...households, ...withVotes };
    }
    case 'parties':
      return {
        body: 'five_party_joint_meeting',
        represented: meeting.partiesRepresented ?? [],
        ...withVotes,
        ...(config ? { config: config as FivePartyRuleConfigInput } : {}),
      };
  }
};

/** Applies the body's rule; a refusal of the figures becomes RULE_REFUSED with the rule's own message. */
export const decide = (input: MeetingRuleInput): MeetingResult => {
  const outcome = decideMeeting(input);
  if (!outcome.ok) {
    throw new MeetingError(MeetingErrorCode.RuleRefused, { text: outcome.error.message, field: outcome.error.field, details: { ruleError: outcome.error.code } });
  }
  return outcome;
};
