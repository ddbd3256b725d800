import type { Label } from '../core/label.js';
import { FIVE_PARTIES, FIVE_PARTY_NAMES, type FiveParty } from './body-types.js';
import { ALL, ratio } from './counting.js';
import { checkVotes, decisionOutcome, meetingResult, quorumOutcome } from './meeting-outcome.js';
import type { AppliedRule, FivePartyMeetingInput, MeetingOutcome, VoteChoice, VoteCounts } from './meeting-rule.types.js';
import type { FivePartyRuleConfig } from './rule-config.js';
import { firstRejection, reject, show, type RuleRejection } from './rule-error.js';
import { VOTE_CHOICES } from './tally-ballots.js';

const isParty = (value: unknown): value is FiveParty => (FIVE_PARTY_NAMES as readonly unknown[]).includes(value);

/** 社区党组织、业主委员会 / Community party organisation and Owners' committee. */
export const partyNames = (parties: readonly FiveParty[]): Label => ({
  zh: parties.map((p) => FIVE_PARTIES[p].zh).join('、'),
  en: parties.map((p) => FIVE_PARTIES[p].en).join(', '),
});

const checkRepresented = (represented: readonly unknown[]): RuleRejection | undefined => {
  if (!Array.isArray(represented)) {
    return reject('invalid_count', 'represented', { zh: 'represented 须为到会各方的列表', en: 'represented must be a list of parties' });
  }
  const seen = new Set<unknown>();
  for (const [i, party] of represented.entries()) {
    if (!isParty(party)) {
      return reject('unknown_party', `represented[${i}]`, {
        zh: `未知的一方：${show(party)}`,
        en: `Unknown party: ${show(party)}`,
      });
    }
    if (seen.has(party)) {
      return reject('duplicate_entry', `represented[${i}]`, {
        zh: `${FIVE_PARTIES[party].zh}重复列出`,
        en: `${FIVE_PARTIES[party].en} is listed twice`,
      });
    }
    seen.add(party);
  }
  return undefined;
};

const checkPositions = (input: FivePartyMeetingInput): RuleRejection | undefined => {
  const { positions, votes, represented } = input;
  if (positions === undefined) return undefined;
  if (votes !== undefined) {
    return reject('conflicting_votes', 'positions', {
      zh: '各方表态与票数统计只能提供一种',
      en: 'Give either per-party positions or a tally, not both',
    });
  }
  for (const [party, choice] of Object.entries(positions)) {
    const field = `positions.${party}`;
    if (!isParty(party)) {
      return reject('unknown_party', field, { zh: `未知的一方：${party}`, en: `Unknown party: ${party}` });
    }
    if (!represented.includes(party)) {
      return reject('position_of_absent_party', field, {
        zh: `${FIVE_PARTIES[party].zh}未到会，不能表态`,
        en: `${FIVE_PARTIES[party].en} is not represented and cannot take a position`,
      });
    }
    if (!VOTE_CHOICES.includes(choice)) {
      return reject('invalid_choice', field, {
        zh: `表态须为 for、against 或 abstain（收到：${show(choice)}）`,
        en: `A position is for, against or abstain (got ${show(choice)})`,
      });
    }
  }
  return undefined;
};

const tallyPositions = (positions: Partial<Record<FiveParty, VoteChoice>>): VoteCounts => {
  const choices = Object.values(positions);
  const count = (c: VoteChoice): number => choices.filter((x) => x === c).length;
  return { for: count('for'), against: count('against'), abstain: count('abstain') };
};

/**
 * 五方联席会议 (五位一体): no statutory numbers. Each party has one voice. Quorum: every party the
 * configuration requires (default: all five) is represented. Decision: a share of the parties
 * represented in favour (default more than half; unanimity is ALL, 1/1 inclusive).
 */
export const decideFivePartyMeeting = (args: {
  input: FivePartyMeetingInput;
  config: FivePartyRuleConfig;
  rule: AppliedRule;
}): MeetingOutcome => {
  const { input, config, rule } = args;
  const represented: readonly unknown[] = input.represented;
  const rejection = firstRejection(
    () => checkRepresented(represented),
    () => checkPositions(input),
    () => checkVotes(input.votes, input.represented.length, { zh: '到会方数', en: 'parties represented' }),
  );
  if (rejection) return rejection;

  const required = config.quorum.parties;
  const missing = required.filter((p) => !input.represented.includes(p));
  const actual = required.length - missing.length;
  const met = missing.length === 0;
  const all = required.length === FIVE_PARTY_NAMES.length;
  const who: Label = all ? { zh: '五方', en: 'all five parties' } : partyNames(required);
  const absent = partyNames(missing);
  const quorum = quorumOutcome([
    {
      measure: 'parties',
      base: required.length,
      actual,
      required: required.length,
      threshold: ALL,
      met,
      explanation: met
        ? { zh: `${who.zh}均已到会（${actual}/${required.length}）`, en: `${all ? 'All five parties are' : `${who.en}: all`} represented (${actual}/${required.length})` }
        : {
            zh: `${absent.zh}未到会（${actual}/${required.length}），${who.zh}须全部到会方可作出决定`,
            en: `${absent.en} not represented (${actual}/${required.length}); ${who.en} must be represented before the meeting can decide`,
          },
    },
  ]);
  const n = input.represented.length;
  const votes = input.positions === undefined ? input.votes : tallyPositions(input.positions);
  const decision = decisionOutcome({
    votes,
    voters: n,
    base: n,
    basis: 'represented_parties',
    threshold: config.decision,
    of: { zh: `到会${n}方`, en: `the ${n} part${n === 1 ? 'y' : 'ies'} represented` },
    unit: '方',
    quorumMet: met,
  });
  return meetingResult({
    rule,
    figures: {
      expected: required.length,
      present: n,
      recused: 0,
      ratio: ratio(actual, required.length),
      quorumBase: required.length,
      decisionBase: n,
      parties: { represented: input.represented, missing },
    },
    quorum,
    decision,
  });
};
