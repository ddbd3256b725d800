import type { Label } from '../core/label.js';
import { FOUR_FIFTHS_OR_MORE, minimumFor, ONE_THIRD_OR_MORE, reaches } from './counting.js';
import { checkCount, firstRejection, reject, type RuleRejection } from './rule-error.js';

export type CompositionWarningCode = 'representatives_below_four_fifths' | 'women_below_one_third';

export interface CompositionWarning {
  readonly code: CompositionWarningCode;
  readonly actual: number;
  readonly required: number;
  readonly message: Label;
}

export interface RepresentativeComposition {
  /** 组成人员: everyone on the villager-representative meeting (committee members + representatives). */
  readonly members: number;
  /** 村民代表. */
  readonly representatives: number;
  /** 妇女村民代表: women among the representatives, as art. 25 counts them. */
  readonly women: number;
  /** 村民委员会成员 on the meeting; when given, representatives + committeeMembers must equal members. */
  readonly committeeMembers?: number;
}

export const COMPOSITION_CITATION: Label = {
  zh: '《中华人民共和国村民委员会组织法》第二十五条',
  en: "Organic Law of the Villagers' Committees, art. 25",
};

/**
 * 村民委员会组织法 art. 25: representatives should be four fifths or more of the members, women
 * representatives one third or more. A shortfall is a warning for the record, never a block:
 * the meeting's decisions stand (domain.md, "warn, don't block").
 */
export const checkRepresentativeComposition = (
  input: RepresentativeComposition,
): { readonly ok: true; readonly warnings: readonly CompositionWarning[] } | RuleRejection => {
  const { members, representatives, women, committeeMembers } = input;
  const rejection = firstRejection(
    () => checkCount('members', members),
    () => checkCount('representatives', representatives),
    () => checkCount('women', women),
    () => (committeeMembers === undefined ? undefined : checkCount('committeeMembers', committeeMembers)),
    () =>
      members === 0
        ? reject('empty_base', 'members', { zh: '组成人员为0', en: 'The meeting has no members' })
        : undefined,
    () =>
      representatives > members
        ? reject('composition_mismatch', 'representatives', {
            zh: `村民代表${representatives}人，多于组成人员${members}人`,
            en: `${representatives} representatives but only ${members} members`,
          })
        : undefined,
    () =>
      women > representatives
        ? reject('composition_mismatch', 'women', {
            zh: `妇女村民代表${women}人，多于村民代表${representatives}人`,
            en: `${women} women representatives but only ${representatives} representatives`,
          })
        : undefined,
    () =>
      committeeMembers !== undefined && committeeMembers + representatives !== members
        ? reject('composition_mismatch', 'committeeMembers', {
            zh: `村民委员会成员${committeeMembers}人加村民代表${representatives}人，不等于组成人员${members}人`,
            en: `${committeeMembers} committee members plus ${representatives} representatives is not the ${members} members`,
          })
        : undefined,
  );
  if (rejection) return rejection;

  const warnings: CompositionWarning[] = [];
  if (!reaches({ count: representatives, base: members, fraction: FOUR_FIFTHS_OR_MORE })) {
    const required = minimumFor({ base: members, fraction: FOUR_FIFTHS_OR_MORE });
    warnings.push({
      code: 'representatives_below_four_fifths',
      actual: representatives,
      required,
      message: {
        zh: `村民代表${representatives}人，不足组成人员${members}人的五分之四（应至少${required}人）`,
        en: `${representatives} representatives, less than four fifths of the ${members} members (should be at least ${required})`,
      },
    });
  }
  if (!reaches({ count: women, base: members, fraction: ONE_THIRD_OR_MORE })) {
    const required = minimumFor({ base: members, fraction: ONE_THIRD_OR_MORE });
    warnings.push({
      code: 'women_below_one_third',
      actual: women,
      required,
      message: {
        zh: `妇女村民代表${women}人，不足组成人员${members}人的三分之一（应至少${required}人）`,
        en: `${women} women representatives, less than one third of the ${members} members (should be at least ${required})`,
      },
    });
  }
  return { ok: true, warnings };
};
