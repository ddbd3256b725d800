import type { Label } from '../core/label.js';
import { MORE_THAN_HALF, TWO_THIRDS_OR_MORE, ratio } from './counting.js';
import { checkVotes, decisionOutcome, meetingResult, quorumCheck, quorumOutcome } from './meeting-outcome.js';
import type {
  AppliedRule,
  ConfiguredMemberBody,
  MeetingOutcome,
  MemberMeetingFigures,
  StatutoryMemberBody,
} from './meeting-rule.types.js';
import type { MemberRuleConfig } from './rule-config.js';
import { checkCount, firstRejection, reject } from './rule-error.js';

export type MemberBody = StatutoryMemberBody | ConfiguredMemberBody;

/** 村民代表会议 (村民委员会组织法 art. 26): 三分之二以上的组成人员参加; 到会人员的过半数同意. */
export const VILLAGER_REPRESENTATIVE_MEETING_RULE: MemberRuleConfig = {
  quorum: TWO_THIRDS_OR_MORE,
  decision: { ...MORE_THAN_HALF, base: 'present' },
};

/**
 * 党员大会 (支部工作条例 2018 art. 11): attendance of more than half of the voting members; passes
 * when those in favour are more than half of the voting members who SHOULD attend. The regulation
 * as published says 半数以上 for attendance; we apply the stricter 超过半数 of domain.md and of the
 * membership-admission rules (see docs/rules.md) — to confirm.
 */
export const PARTY_MEMBER_ASSEMBLY_RULE: MemberRuleConfig = {
  quorum: MORE_THAN_HALF,
  decision: { ...MORE_THAN_HALF, base: 'eligible' },
};

/** What the members of each body are called in explanations. */
export const MEMBER_NOUNS: Record<MemberBody, Label> = {
  villager_representative_meeting: { zh: '组成人员', en: 'members' },
  party_member_assembly: { zh: '有表决权党员', en: 'voting members' },
  resident_council: { zh: '成员', en: 'members' },
  party_organisation_meeting: { zh: '委员', en: 'members' },
  two_committee_joint_meeting: { zh: '成员', en: 'members' },
};

/**
 * A meeting of a body with a roster. Recused members leave the roster: the quorum base is
 * roster − recused; the decision base is those present (who exclude the recused) or, for an
 * 'eligible' decision base, roster − recused as well.
 */
export const decideMemberMeeting = (args: {
  input: MemberMeetingFigures & { readonly body: MemberBody };
  config: MemberRuleConfig;
  rule: AppliedRule;
}): MeetingOutcome => {
  const { input, config, rule } = args;
  const { roster, present, votes } = input;
  const recused = input.recused ?? 0;
  const noun = MEMBER_NOUNS[input.body];
  const presentWords: Label = { zh: '实到人数', en: 'present' };
  const rejection = firstRejection(
    () => checkCount('roster', roster),
    () => checkCount('present', present),
    () => checkCount('recused', recused),
    () =>
      recused > roster
        ? reject('recused_exceed_roster', 'recused', {
            zh: `回避${recused}人，超过应到${roster}人`,
            en: `${recused} recused, more than the ${roster} on the roster`,
          })
        : undefined,
    () =>
      roster - recused === 0
        ? reject('empty_base', recused > 0 ? 'recused' : 'roster', {
            zh: '除回避人员外没有应到人员，无法计算',
            en: 'Nobody is left to count once the recused are excluded',
          })
        : undefined,
    () =>
      present > roster - recused
        ? reject('present_exceed_base', 'present', {
            zh: `实到${present}人，超过应到${roster}人${recused > 0 ? `（除回避${recused}人后为${roster - recused}人）` : ''}`,
            en: `${present} present, more than the ${roster - recused} who could attend${recused > 0 ? ` (${roster} on the roster, ${recused} recused)` : ''}`,
          })
        : undefined,
    () => checkVotes(votes, present, presentWords),
  );
  if (rejection) return rejection;

  const base = roster - recused;
  const baseWords: Label =
    recused > 0
      ? {
          zh: `应到${noun.zh}${roster}人除回避${recused}人后的${base}人`,
          en: `the ${roster} ${noun.en} on the roster less ${recused} recused, i.e. ${base}`,
        }
      : { zh: `应到${noun.zh}${roster}人`, en: `the ${roster} ${noun.en} who should attend` };
  const quorum = quorumOutcome([
    quorumCheck({
      measure: 'members',
      base,
      actual: present,
      threshold: config.quorum,
      subject: { zh: `实到${present}人`, en: `${present} present` },
      of: baseWords,
      unit: '人',
    }),
  ]);
  const onPresent = config.decision.base === 'present';
  const decisionBase = onPresent ? present : base;
  const decision = decisionOutcome({
    votes,
    voters: present,
    base: decisionBase,
    basis: config.decision.base,
    threshold: config.decision,
    of: onPresent ? { zh: `实到${present}人`, en: `the ${present} present` } : baseWords,
    unit: '人',
    quorumMet: quorum.met,
  });
  return meetingResult({
    rule,
    figures: {
      expected: roster,
      present,
      recused,
      ratio: ratio(present, base),
      quorumBase: base,
      decisionBase,
    },
    quorum,
    decision,
  });
};
