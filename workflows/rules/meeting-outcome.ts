import type { Label } from '../core/label.js';
import { minimumFor, reaches, type Fraction } from './counting.js';
import { verdictWords } from './counting-words.js';
import type {
  AppliedRule,
  DecisionBasis,
  DecisionOutcome,
  MeetingFigures,
  MeetingResult,
  QuorumCheck,
  QuorumMeasure,
  QuorumOutcome,
  VoteCounts,
} from './meeting-rule.types.js';
import { checkCount, firstRejection, reject, type RuleRejection } from './rule-error.js';

/** One quorum test: `subject` is what was counted (实到25人), `of` the base it is measured against. */
export const quorumCheck = (args: {
  measure: QuorumMeasure;
  base: number;
  actual: number;
  threshold: Fraction;
  subject: Label;
  of: Label;
  unit: string;
}): QuorumCheck => {
  const { measure, base, actual, threshold, subject, of, unit } = args;
  const met = reaches({ count: actual, base, fraction: threshold });
  const required = minimumFor({ base, fraction: threshold });
  const verdict = verdictWords(met, threshold, of);
  return {
    measure,
    base,
    actual,
    required,
    threshold,
    met,
    explanation: {
      zh: `${subject.zh}，${verdict.zh}（至少${required}${unit}）`,
      en: `${subject.en}, which ${verdict.en} (at least ${required} needed)`,
    },
  };
};

/** One check, or alternatives of which any one suffices (villagers' and residents' assemblies). */
export const quorumOutcome = (checks: readonly [QuorumCheck, ...QuorumCheck[]]): QuorumOutcome => {
  const [primary] = checks;
  const met = checks.some((c) => c.met);
  const verdict: Label = met ? { zh: '符合法定人数', en: 'quorum met' } : { zh: '不足法定人数', en: 'no quorum' };
  const explanation: Label =
    checks.length === 1
      ? { zh: `${primary.explanation.zh}，${verdict.zh}`, en: `${primary.explanation.en}: ${verdict.en}` }
      : {
          zh: `${checks.map((c) => c.explanation.zh).join('；')}；${met ? '满足其中任一项即可' : '各项均未满足'}，${verdict.zh}`,
          en: `${checks.map((c) => c.explanation.en).join('; ')}; ${met ? 'any one suffices' : 'none is met'}: ${verdict.en}`,
        };
  return { met, required: primary.required, base: primary.base, actual: primary.actual, checks, explanation };
};

/** Vote counts must be counts, and no more votes than voters. */
export const checkVotes = (votes: VoteCounts | undefined, voters: number, votersWords: Label): RuleRejection | undefined => {
  if (votes === undefined) return undefined;
  if (typeof votes !== 'object' || votes === null) return checkCount('votes', votes);
  return firstRejection(
    () => checkCount('votes.for', votes.for),
    () => checkCount('votes.against', votes.against),
    () => checkCount('votes.abstain', votes.abstain),
    () => {
      const cast = votes.for + votes.against + votes.abstain;
      return cast > voters
        ? reject('votes_exceed_present', 'votes', {
            zh: `赞成、反对、弃权合计${cast}，超过${votersWords.zh}${voters}`,
            en: `for, against and abstain total ${cast}, more than the ${voters} ${votersWords.en}`,
          })
        : undefined;
    },
  );
};

/** The vote measured against its base. `voters` is who could vote (present, or parties represented). */
export const decisionOutcome = (args: {
  votes: VoteCounts | undefined;
  voters: number;
  base: number;
  basis: DecisionBasis;
  threshold: Fraction;
  of: Label;
  unit: string;
  quorumMet: boolean;
}): DecisionOutcome => {
  const { votes, voters, base, basis, threshold, of, unit, quorumMet } = args;
  // Nobody can carry anything: with an empty base an inclusive threshold would be met by 0 votes.
  const required = Math.max(1, minimumFor({ base, fraction: threshold }));
  if (votes === undefined) {
    return {
      voted: false,
      passed: false,
      required,
      base,
      basis,
      threshold,
      for: 0,
      against: 0,
      abstain: 0,
      notVoting: voters,
      explanation: { zh: '未表决', en: 'No vote recorded' },
    };
  }
  const passed = votes.for >= required && reaches({ count: votes.for, base, fraction: threshold });
  const verdict = verdictWords(passed, threshold, of);
  const outcome: Label = !quorumMet
    ? { zh: '，但不足法定人数，表决无效', en: '; but without a quorum the vote decides nothing' }
    : passed
      ? { zh: '，通过', en: ': carried' }
      : { zh: '，未通过', en: ': not carried' };
  return {
    voted: true,
    passed,
    required,
    base,
    basis,
    threshold,
    for: votes.for,
    against: votes.against,
    abstain: votes.abstain,
    notVoting: voters - votes.for - votes.against - votes.abstain,
    explanation: {
      zh: `赞成${votes.for}${unit}、反对${votes.against}${unit}、弃权${votes.abstain}${unit}；赞成${votes.for}${unit}，${verdict.zh}（至少${required}${unit}）${outcome.zh}`,
      en: `${votes.for} for, ${votes.against} against, ${votes.abstain} abstaining; ${votes.for} in favour, which ${verdict.en} (at least ${required} needed)${outcome.en}`,
    },
  };
};

export const meetingResult = (args: {
  rule: AppliedRule;
  figures: MeetingFigures;
  quorum: QuorumOutcome;
  decision: DecisionOutcome;
}): MeetingResult => {
  const { rule, figures, quorum, decision } = args;
  const passed = quorum.met && decision.passed;
  const conclusion: Label = passed
    ? { zh: '结论：通过', en: 'Result: passed' }
    : !quorum.met
      ? { zh: '结论：不足法定人数，不能作出决定', en: 'Result: no quorum, nothing decided' }
      : !decision.voted
        ? { zh: '结论：尚未表决', en: 'Result: not yet voted' }
        : { zh: '结论：未通过', en: 'Result: not passed' };
  return {
    ok: true,
    rule,
    figures,
    quorum,
    decision,
    passed,
    explanation: {
      zh: `${rule.name.zh}。${quorum.explanation.zh}。${decision.explanation.zh}。${conclusion.zh}。`,
      en: `${rule.name.en}. ${quorum.explanation.en}. ${decision.explanation.en}. ${conclusion.en}.`,
    },
  };
};
