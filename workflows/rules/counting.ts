/**
 * Chinese legal counting (Civil Code art. 1259): 以上/以下 include the number itself; 过半数 and
 * 超过 are strictly more than. A threshold is a fraction of a base, held as integers and compared
 * by cross-multiplication so that no floating-point rounding can move an edge.
 */
export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
  /** true: 以上 (count ≥ base × n/d); false: 超过 / 过半数 (count > base × n/d). */
  readonly inclusive: boolean;
}

/** 过半数 — more than half. */
export const MORE_THAN_HALF: Fraction = { numerator: 1, denominator: 2, inclusive: false };
/** 三分之二以上 — two thirds or more. */
export const TWO_THIRDS_OR_MORE: Fraction = { numerator: 2, denominator: 3, inclusive: true };
/** 五分之四以上 — four fifths or more. */
export const FOUR_FIFTHS_OR_MORE: Fraction = { numerator: 4, denominator: 5, inclusive: true };
/** 三分之一以上 — one third or more. */
export const ONE_THIRD_OR_MORE: Fraction = { numerator: 1, denominator: 3, inclusive: true };
/** 全体 — all of the base (unanimity when the count is votes in favour). */
export const ALL: Fraction = { numerator: 1, denominator: 1, inclusive: true };

/** Whether `count` reaches the threshold `fraction` of `base`. */
export const reaches = ({ count, base, fraction }: { count: number; base: number; fraction: Fraction }): boolean =>
  fraction.inclusive
    ? count * fraction.denominator >= base * fraction.numerator
    : count * fraction.denominator > base * fraction.numerator;

/** Integer division rounding down, exact for safe non-negative integers. */
const floorDiv = (a: number, b: number): number => (a - (a % b)) / b;

/** The smallest count that reaches the threshold `fraction` of `base`. */
export const minimumFor = ({ base, fraction }: { base: number; fraction: Fraction }): number => {
  const product = base * fraction.numerator;
  return fraction.inclusive
    ? floorDiv(product + fraction.denominator - 1, fraction.denominator)
    : floorDiv(product, fraction.denominator) + 1;
};

/** "25/36" — a count over its base, as the meeting record writes it. */
export const ratio = (count: number, base: number): string => `${count}/${base}`;
