import { MORE_THAN_HALF, TWO_THIRDS_OR_MORE } from './counting.js';
import { checkAssemblyFigures, decideAssembly, type AssemblyThresholds } from './assembly.rule.js';
import type { AppliedRule, MeetingOutcome, VillagersAssemblyInput } from './meeting-rule.types.js';

/**
 * 村民会议 (村民委员会组织法 art. 22): 本村十八周岁以上村民的过半数, 或者本村三分之二以上的户的代表参加;
 * 决定经到会人员的过半数通过. Either quorum alone suffices.
 */
export const VILLAGERS_ASSEMBLY_RULE: AssemblyThresholds = {
  adults: MORE_THAN_HALF,
  households: TWO_THIRDS_OR_MORE,
  decision: MORE_THAN_HALF,
};

export const decideVillagersAssembly = (args: { input: VillagersAssemblyInput; rule: AppliedRule }): MeetingOutcome =>
  checkAssemblyFigures(args.input) ??
  decideAssembly({
    rule: args.rule,
    input: args.input,
    thresholds: VILLAGERS_ASSEMBLY_RULE,
    wording: {
      adults: (n) => ({ zh: `本村十八周岁以上村民${n}人`, en: `the village's ${n} villagers aged 18 or over` }),
      households: (n) => ({ zh: `本村${n}户`, en: `the village's ${n} households` }),
    },
  });
