import type { Label } from '../core/label.js';
import { BODY_TYPES, BODY_TYPE_NAMES, FIVE_PARTIES, FIVE_PARTY_NAMES, type BodyType } from './body-types.js';
import { thresholdWords, verdictWords } from './counting-words.js';
import type {
  AppliedRule,
  ConfiguredBody,
  ConfiguredMemberBody,
  RuleSelection,
  StatutoryBody,
} from './meeting-rule.types.js';
import {
  resolveFivePartyRuleConfig,
  resolveMemberRuleConfig,
  withFivePartyDefaults,
  withMemberDefaults,
  type FivePartyRuleConfig,
  type FivePartyRuleConfigInput,
  type MemberRuleConfig,
  type MemberRuleConfigInput,
} from './rule-config.js';
import { reject, show, type RuleRejection } from './rule-error.js';

interface StatutoryRule {
  readonly id: string;
  readonly citation: Label;
  readonly description: Label;
}

/** The rules fixed by law or party regulation, worded as the texts word them. */
export const STATUTORY_RULES: Record<StatutoryBody, StatutoryRule> = {
  villagers_assembly: {
    id: 'villagers-committees-law.art-22',
    citation: { zh: '《中华人民共和国村民委员会组织法》第二十二条', en: "Organic Law of the Villagers' Committees, art. 22" },
    description: {
      zh: '村民会议：本村十八周岁以上村民的过半数，或者本村三分之二以上的户的代表参加，方可召开；所作决定经到会人员的过半数通过',
      en: "Villagers' assembly: more than half of the village's villagers aged 18 or over attend, or representatives of two thirds or more of its households; a decision needs more than half of those present",
    },
  },
  villager_representative_meeting: {
    id: 'villagers-committees-law.art-26',
    citation: { zh: '《中华人民共和国村民委员会组织法》第二十六条', en: "Organic Law of the Villagers' Committees, art. 26" },
    description: {
      zh: '村民代表会议：有三分之二以上的组成人员参加方可召开；所作决定经到会人员的过半数同意',
      en: 'Villager-representative meeting: two thirds or more of its members attend; a decision needs more than half of those present',
    },
  },
  party_member_assembly: {
    id: 'cpc-branch-work-regulations.art-11',
    citation: {
      zh: '《中国共产党支部工作条例（试行）》（2018年）第十一条',
      en: 'Regulations on the Work of CPC Branches (for Trial Implementation, 2018), art. 11',
    },
    description: {
      zh: '党员大会：有表决权的党员过半数到会方可表决；赞成人数超过应到会有表决权党员的半数为通过',
      en: 'Party-member assembly: more than half of the voting members attend; a decision needs votes in favour from more than half of the voting members who should attend (not of those present)',
    },
  },
  residents_assembly: {
    id: 'urban-residents-committees-law.art-9',
    citation: { zh: '《中华人民共和国城市居民委员会组织法》第九条', en: "Organic Law of the Urban Residents' Committees, art. 9" },
    description: {
      zh: '居民会议：全体十八周岁以上的居民、户的代表或者居民小组选举的代表的过半数出席，才能举行；会议的决定由出席人的过半数通过',
      en: "Residents' assembly: more than half of the residents aged 18 or over, of the households' representatives, or of the representatives elected by residents' groups attend; a decision needs more than half of those present",
    },
  },
};

const LOCAL: Label = { zh: '本地配置', en: 'local configuration' };
const NO_STATUTE: Label = { zh: '本地配置（未见法定人数规定）', en: 'Local configuration (no statutory numbers)' };

const describeMemberRule = (body: ConfiguredMemberBody, config: MemberRuleConfig): Label => {
  const name = BODY_TYPES[body];
  const onPresent = config.decision.base === 'present';
  const decisionOf: Label = onPresent ? { zh: '实到', en: 'those present' } : { zh: '应到', en: 'the members who should attend' };
  const quorumZh = verdictWords(true, config.quorum, { zh: '应到', en: '' }).zh;
  const decisionZh = verdictWords(true, config.decision, decisionOf).zh;
  const quorumEn = thresholdWords(config.quorum, { zh: '', en: 'the members' }).en;
  const decisionEn = thresholdWords(config.decision, decisionOf).en;
  return {
    zh: `${name.zh}：实到须${quorumZh}；赞成须${decisionZh}（${LOCAL.zh}）`,
    en: `${name.en}: ${quorumEn} present; passes with ${decisionEn} in favour (${LOCAL.en})`,
  };
};

const describeFivePartyRule = (config: FivePartyRuleConfig): Label => {
  const name = BODY_TYPES.five_party_joint_meeting;
  const parties = config.quorum.parties;
  // Not validated here: an unknown name is shown as given rather than dropped.
  const label = (p: string): Label => (FIVE_PARTIES as Record<string, Label | undefined>)[p] ?? { zh: p, en: p };
  const quorum: Label = FIVE_PARTY_NAMES.every((p) => parties.includes(p))
    ? { zh: '五方均须到会', en: 'all five parties represented' }
    : { zh: `${parties.map((p) => label(p).zh).join('、')}须到会`, en: `${parties.map((p) => label(p).en).join(', ')} represented` };
  const d = config.decision;
  const decision: Label =
    d.inclusive && d.numerator === d.denominator
      ? { zh: '到会各方一致赞成', en: 'passes when every party represented is in favour' }
      : {
          zh: `赞成方须${verdictWords(true, d, { zh: '到会各方', en: '' }).zh}`,
          en: `passes with ${thresholdWords(d, { zh: '', en: 'the parties represented' }).en} in favour`,
        };
  return { zh: `${name.zh}：${quorum.zh}；${decision.zh}（${LOCAL.zh}）`, en: `${name.en}: ${quorum.en}; ${decision.en} (${LOCAL.en})` };
};

/**
 * A body's rule in one sentence, for the UI and the meeting record. Configured bodies are worded
 * from the configuration given (defaults for missing parts); it is not validated here — ruleFor is.
 */
export const describeRule = (selection: RuleSelection): Label => {
  switch (selection.body) {
    case 'villagers_assembly':
    case 'villager_representative_meeting':
    case 'party_member_assembly':
    case 'residents_assembly':
      return STATUTORY_RULES[selection.body].description;
    case 'resident_council':
    case 'party_organisation_meeting':
    case 'two_committee_joint_meeting':
      return describeMemberRule(selection.body, withMemberDefaults(selection.config));
    case 'five_party_joint_meeting':
      return describeFivePartyRule(withFivePartyDefaults(selection.config));
  }
};

const configuredRule = (
  body: ConfiguredBody,
  config: MemberRuleConfig | FivePartyRuleConfig,
  description: Label,
): AppliedRule => ({ id: `local.${body}`, body, name: BODY_TYPES[body], source: 'configuration', citation: NO_STATUTE, description, config });

export const statutoryRule = (body: StatutoryBody): AppliedRule => ({
  ...STATUTORY_RULES[body],
  body,
  name: BODY_TYPES[body],
  source: 'statutory',
});

/** A configured member body's rule, its configuration validated and completed with the defaults. */
export const memberRule = (
  body: ConfiguredMemberBody,
  input: MemberRuleConfigInput | undefined,
): { ok: true; rule: AppliedRule; config: MemberRuleConfig } | RuleRejection => {
  const resolved = resolveMemberRuleConfig(input);
  if (!resolved.ok) return resolved;
  return { ok: true, rule: configuredRule(body, resolved.config, describeMemberRule(body, resolved.config)), config: resolved.config };
};

export const fivePartyRule = (
  input: FivePartyRuleConfigInput | undefined,
): { ok: true; rule: AppliedRule; config: FivePartyRuleConfig } | RuleRejection => {
  const resolved = resolveFivePartyRuleConfig(input);
  if (!resolved.ok) return resolved;
  const rule = configuredRule('five_party_joint_meeting', resolved.config, describeFivePartyRule(resolved.config));
  return { ok: true, rule, config: resolved.config };
};

export const unknownBody = (body: unknown): RuleRejection =>
  reject('unknown_body', 'body', { zh: `未知的会议类型：${show(body)}`, en: `Unknown body type: ${show(body)}` });

/** The rule that applies to a body (configured bodies: validated, defaults filled in). */
export const ruleFor = (selection: RuleSelection): { ok: true; rule: AppliedRule } | RuleRejection => {
  const body: unknown = selection.body;
  switch (selection.body) {
    case 'villagers_assembly':
    case 'villager_representative_meeting':
    case 'party_member_assembly':
    case 'residents_assembly':
      if ('config' in selection && selection.config !== undefined) {
        return reject('configuration_not_allowed', 'config', {
          zh: `${BODY_TYPES[selection.body].zh}的表决规则由法律规定，不能配置`,
          en: `The ${BODY_TYPES[selection.body].en} rule is fixed by law and takes no configuration`,
        });
      }
      return { ok: true, rule: statutoryRule(selection.body) };
    case 'resident_council':
    case 'party_organisation_meeting':
    case 'two_committee_joint_meeting':
      return memberRule(selection.body, selection.config);
    case 'five_party_joint_meeting':
      return fivePartyRule(selection.config);
    default:
      return unknownBody(body);
  }
};

/** Every body with its rule (configured bodies with their defaults), for the API to list. */
export const BODY_RULES = Object.fromEntries(
  BODY_TYPE_NAMES.map((body) => {
    const lookup = ruleFor({ body });
    return [body, lookup.ok ? lookup.rule : undefined];
  }),
) as Readonly<Record<BodyType, AppliedRule>>;
