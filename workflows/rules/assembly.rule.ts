import type { Label } from '../core/label.js';
import { ratio, type Fraction } from './counting.js';
import { checkVotes, decisionOutcome, meetingResult, quorumCheck, quorumOutcome } from './meeting-outcome.js';
import type { AppliedRule, AssemblyFigures, MeetingFigures, MeetingOutcome, QuorumCheck } from './meeting-rule.types.js';
import { checkCount, firstRejection, reject, type RuleRejection } from './rule-error.js';

/** How an assembly's rule is worded: the adult and household bases, as the statute names them. */
export interface AssemblyWording {
  readonly adults: (n: number) => Label;
  readonly households: (n: number) => Label;
}

export interface AssemblyThresholds {
  /** Share of adults attending. */
  readonly adults: Fraction;
  /** Share of households represented. */
  readonly households: Fraction;
  /** Share of those present in favour. */
  readonly decision: Fraction;
}

/** A pair of optional figures must come together. */
export const checkPair = (
  a: { field: string; value: number | undefined },
  b: { field: string; value: number | undefined },
): RuleRejection | undefined =>
  (a.value === undefined) !== (b.value === undefined)
    ? reject('incomplete_figures', a.value === undefined ? a.field : b.field, {
        zh: `${a.field} 与 ${b.field} 须同时提供`,
        en: `${a.field} and ${b.field} must be given together`,
      })
    : undefined;

/** A part that cannot exceed its whole, and a whole that cannot be empty. */
export const checkPart = (args: {
  part: { field: string; value: number };
  whole: { field: string; value: number };
  code: 'present_exceed_base' | 'represented_exceed_households' | 'represented_exceed_present';
  message: Label;
}): RuleRejection | undefined =>
  args.part.value > args.whole.value ? reject(args.code, args.part.field, args.message) : undefined;

const emptyBase = (field: string): RuleRejection =>
  reject('empty_base', field, { zh: `${field} 为0，无法计算`, en: `${field} is 0: there is nothing to count` });

export const checkAssemblyFigures = (input: AssemblyFigures): RuleRejection | undefined => {
  const { adults, present, households, householdsRepresented } = input;
  return firstRejection(
    () => checkCount('adults', adults),
    () => checkCount('present', present),
    () => (adults === 0 ? emptyBase('adults') : undefined),
    () =>
      checkPart({
        part: { field: 'present', value: present },
        whole: { field: 'adults', value: adults },
        code: 'present_exceed_base',
        message: { zh: `到会${present}人，超过十八周岁以上人数${adults}人`, en: `${present} attending, more than the ${adults} adults` },
      }),
    () => checkPair({ field: 'households', value: households }, { field: 'householdsRepresented', value: householdsRepresented }),
    () => (households === undefined ? undefined : checkCount('households', households)),
    () => (householdsRepresented === undefined ? undefined : checkCount('householdsRepresented', householdsRepresented)),
    () => (households === 0 ? emptyBase('households') : undefined),
    () =>
      households === undefined || householdsRepresented === undefined
        ? undefined
        : (checkPart({
            part: { field: 'householdsRepresented', value: householdsRepresented },
            whole: { field: 'households', value: households },
            code: 'represented_exceed_households',
            message: {
              zh: `到会代表${householdsRepresented}户，超过总户数${households}户`,
              en: `${householdsRepresented} households represented, more than the ${households} households`,
            },
          }) ??
          checkPart({
            part: { field: 'householdsRepresented', value: householdsRepresented },
            whole: { field: 'present', value: present },
            code: 'represented_exceed_present',
            message: {
              zh: `到会代表${householdsRepresented}户，多于到会人数${present}人（每户代表至少一人到会）`,
              en: `${householdsRepresented} households represented but only ${present} attending (each needs someone there)`,
            },
          })),
    () => checkVotes(input.votes, present, { zh: '到会人数', en: 'attending' }),
  );
};

/**
 * An assembly reaches its quorum by ANY of its checks (adults attending, households represented,
 * and for the residents' assembly group representatives); it decides by a share of those present.
 * Call after checkAssemblyFigures.
 */
export const decideAssembly = (args: {
  rule: AppliedRule;
  input: AssemblyFigures;
  thresholds: AssemblyThresholds;
  wording: AssemblyWording;
  extraChecks?: readonly QuorumCheck[];
  extraFigures?: Pick<MeetingFigures, 'groupRepresentatives'>;
}): MeetingOutcome => {
  const { rule, input, thresholds, wording } = args;
  const { adults, present, households, householdsRepresented, votes } = input;
  const adultsCheck = quorumCheck({
    measure: 'adults',
    base: adults,
    actual: present,
    threshold: thresholds.adults,
    subject: { zh: `到会${present}人`, en: `${present} attending` },
    of: wording.adults(adults),
    unit: '人',
  });
  const householdChecks =
    households === undefined || householdsRepresented === undefined
      ? []
      : [
          quorumCheck({
            measure: 'households',
            base: households,
            actual: householdsRepresented,
            threshold: thresholds.households,
            subject: {
              zh: `${householdsRepresented}户有代表到会`,
              en: `${householdsRepresented} household${householdsRepresented === 1 ? '' : 's'} represented`,
            },
            of: wording.households(households),
            unit: '户',
          }),
        ];
  const quorum = quorumOutcome([adultsCheck, ...householdChecks, ...(args.extraChecks ?? [])]);
  const decision = decisionOutcome({
    votes,
    voters: present,
    base: present,
    basis: 'present',
    threshold: thresholds.decision,
    of: { zh: `到会${present}人`, en: `the ${present} attending` },
    unit: '人',
    quorumMet: quorum.met,
  });
  return meetingResult({
    rule,
    figures: {
      expected: adults,
      present,
      recused: 0,
      ratio: ratio(present, adults),
      quorumBase: adults,
      decisionBase: present,
      ...(households === undefined || householdsRepresented === undefined
        ? {}
        : { households: { total: households, represented: householdsRepresented, ratio: ratio(householdsRepresented, households) } }),
      ...args.extraFigures,
    },
    quorum,
    decision,
  });
};
