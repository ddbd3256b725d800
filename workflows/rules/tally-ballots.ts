import type { VoteChoice, VoteCounts } from './meeting-rule.types.js';
import { reject, show, type RuleRejection } from './rule-error.js';

export interface Ballot {
  /** Who voted (a member id); secret ballots have no voter and are tallied by the tellers instead. */
  readonly voter: string;
  readonly choice: VoteChoice;
}

/** The columns of a tally; anything else is refused. */
export const VOTE_CHOICES: readonly VoteChoice[] = ['for', 'against', 'abstain'];
const CHOICES: readonly unknown[] = VOTE_CHOICES;

/** Named ballots reduced to counts; a voter named twice is refused (scenario 5: nobody votes twice). */
export const tallyBallots = (
  ballots: readonly Ballot[],
): { readonly ok: true; readonly votes: VoteCounts } | RuleRejection => {
  const seen = new Set<string>();
  const votes = { for: 0, against: 0, abstain: 0 };
  for (const [i, { voter, choice }] of ballots.entries()) {
    if (seen.has(voter)) {
      return reject('duplicate_entry', `ballots[${i}].voter`, {
        zh: `${voter} 重复投票`,
        en: `${voter} voted twice`,
      });
    }
    if (!CHOICES.includes(choice)) {
      return reject('invalid_choice', `ballots[${i}].choice`, {
        zh: `表决须为 for、against 或 abstain（收到：${show(choice)}）`,
        en: `A vote is for, against or abstain (got ${show(choice)})`,
      });
    }
    seen.add(voter);
    votes[choice] += 1;
  }
  return { ok: true, votes };
};
