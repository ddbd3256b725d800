import { MORE_THAN_HALF, ratio } from './counting.js';
import { checkAssemblyFigures, checkPair, checkPart, decideAssembly, type AssemblyThresholds } from './assembly.rule.js';
import { quorumCheck } from './meeting-outcome.js';
import type { AppliedRule, MeetingOutcome, ResidentsAssemblyInput } from './meeting-rule.types.js';
import { checkCount, firstRejection, reject } from './rule-error.js';

/**
 * 居民会议 (城市居民委员会组织法 art. 9): 必须有全体十八周岁以上的居民、户的代表或者居民小组选举的代表的
 * 过半数出席，才能举行; 会议的决定由出席人的过半数通过. Our reading: the assembly meets in one of those
 * three forms and needs more than half of that form's base; like the villagers' assembly, any one
 * satisfied check suffices. Unlike art. 22 the household share is also 过半数, not 三分之二以上.
 */
export const RESIDENTS_ASSEMBLY_RULE: AssemblyThresholds & { readonly groupRepresentatives: typeof MORE_THAN_HALF } = {
  adults: MORE_THAN_HALF,
  households: MORE_THAN_HALF,
  groupRepresentatives: MORE_THAN_HALF,
  decision: MORE_THAN_HALF,
};

export const decideResidentsAssembly = (args: { input: ResidentsAssemblyInput; rule: AppliedRule }): MeetingOutcome => {
  const { input, rule } = args;
  const { groupRepresentatives: total, groupRepresentativesPresent: attending, present } = input;
  const rejection = firstRejection(
    () => checkAssemblyFigures(input),
    () =>
      checkPair(
        { field: 'groupRepresentatives', value: total },
        { field: 'groupRepresentativesPresent', value: attending },
      ),
    () => (total === undefined ? undefined : checkCount('groupRepresentatives', total)),
    () => (attending === undefined ? undefined : checkCount('groupRepresentativesPresent', attending)),
    () =>
      total === 0
        ? reject('empty_base', 'groupRepresentatives', {
            zh: 'groupRepresentatives 为0，无法计算',
            en: 'groupRepresentatives is 0: there is nothing to count',
          })
        : undefined,
    () =>
      total === undefined || attending === undefined
        ? undefined
        : (checkPart({
            part: { field: 'groupRepresentativesPresent', value: attending },
            whole: { field: 'groupRepresentatives', value: total },
            code: 'present_exceed_base',
            message: {
              zh: `居民小组代表到会${attending}人，超过代表总数${total}人`,
              en: `${attending} group representatives attending, more than the ${total} elected`,
            },
          }) ??
          checkPart({
            part: { field: 'groupRepresentativesPresent', value: attending },
            whole: { field: 'present', value: present },
            code: 'represented_exceed_present',
            message: {
              zh: `居民小组代表到会${attending}人，多于到会人数${present}人`,
              en: `${attending} group representatives attending but only ${present} attending in all`,
            },
          })),
  );
  if (rejection) return rejection;

  const groups =
    total === undefined || attending === undefined
      ? undefined
      : { total, present: attending, ratio: ratio(attending, total) };
  return decideAssembly({
    rule,
    input,
    thresholds: RESIDENTS_ASSEMBLY_RULE,
    wording: {
      adults: (n) => ({ zh: `全体十八周岁以上居民${n}人`, en: `all ${n} residents aged 18 or over` }),
      households: (n) => ({ zh: `全体${n}户`, en: `all ${n} households` }),
    },
    extraChecks: groups
      ? [
          quorumCheck({
            measure: 'group_representatives',
            base: groups.total,
            actual: groups.present,
            threshold: RESIDENTS_ASSEMBLY_RULE.groupRepresentatives,
            subject: { zh: `居民小组代表到会${groups.present}人`, en: `${groups.present} group representatives attending` },
            of: { zh: `居民小组选举的代表${groups.total}人`, en: `the ${groups.total} representatives elected by residents' groups` },
            unit: '人',
          }),
        ]
      : [],
    ...(groups ? { extraFigures: { groupRepresentatives: groups } } : {}),
  });
};
