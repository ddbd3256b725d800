import { describe, expect, it } from 'vitest';
import {
  ALL,
  FOUR_FIFTHS_OR_MORE,
  MORE_THAN_HALF,
  ONE_THIRD_OR_MORE,
  TWO_THIRDS_OR_MORE,
  minimumFor,
  ratio,
  reaches,
  type Fraction,
} from './counting.js';

describe(reaches.name, () => {
  it.each([
    // 以上 includes the number: two thirds or more of 30 is 20 or more.
    [20, 30, TWO_THIRDS_OR_MORE, true],
    [19, 30, TWO_THIRDS_OR_MORE, false],
    [2, 3, TWO_THIRDS_OR_MORE, true],
    [30, 45, TWO_THIRDS_OR_MORE, true],
    [29, 45, TWO_THIRDS_OR_MORE, false],
    // 过半数 is strict: exactly half is not more than half.
    [10, 20, MORE_THAN_HALF, false],
    [11, 20, MORE_THAN_HALF, true],
    [18, 36, MORE_THAN_HALF, false],
    [19, 36, MORE_THAN_HALF, true],
    [1, 1, MORE_THAN_HALF, true],
    [0, 1, MORE_THAN_HALF, false],
    [3, 5, MORE_THAN_HALF, true],
    [2, 5, MORE_THAN_HALF, false],
    // four fifths or more, one third or more
    [36, 45, FOUR_FIFTHS_OR_MORE, true],
    [35, 45, FOUR_FIFTHS_OR_MORE, false],
    [15, 45, ONE_THIRD_OR_MORE, true],
    [14, 45, ONE_THIRD_OR_MORE, false],
    // all
    [5, 5, ALL, true],
    [4, 5, ALL, false],
  ] as const)('%i of %i against %o → %s', (count, base, fraction, expected) => {
    expect(reaches({ count, base, fraction })).toBe(expected);
  });

  it('compares without floating point: one third of 3 is exactly 1', () => {
    const moreThanAThird: Fraction = { numerator: 1, denominator: 3, inclusive: false };
    expect(reaches({ count: 1, base: 3, fraction: ONE_THIRD_OR_MORE })).toBe(true);
    expect(reaches({ count: 1, base: 3, fraction: moreThanAThird })).toBe(false);
  });
});

describe(minimumFor.name, () => {
  it.each([
    [30, TWO_THIRDS_OR_MORE, 20],
    [28, TWO_THIRDS_OR_MORE, 19],
    [21, TWO_THIRDS_OR_MORE, 14],
    [20, MORE_THAN_HALF, 11],
    [21, MORE_THAN_HALF, 11],
    [36, MORE_THAN_HALF, 19],
    [31, MORE_THAN_HALF, 16],
    [0, MORE_THAN_HALF, 1],
    [45, FOUR_FIFTHS_OR_MORE, 36],
    [45, ONE_THIRD_OR_MORE, 15],
    [5, ALL, 5],
  ] as const)('of %i against %o is %i', (base, fraction, expected) => {
    expect(minimumFor({ base, fraction })).toBe(expected);
  });

  const fractions: Fraction[] = [
    MORE_THAN_HALF,
    TWO_THIRDS_OR_MORE,
    FOUR_FIFTHS_OR_MORE,
    ONE_THIRD_OR_MORE,
    ALL,
    { numerator: 1, denominator: 2, inclusive: true },
    { numerator: 2, denominator: 3, inclusive: false },
    { numerator: 3, denominator: 4, inclusive: true },
    { numerator: 7, denominator: 10, inclusive: false },
  ];

  it('is exactly the edge: the minimum reaches the threshold and one fewer does not', () => {
    for (const fraction of fractions) {
      for (let base = 1; base <= 300; base += 1) {
        const sut = minimumFor({ base, fraction });
        expect(reaches({ count: sut, base, fraction }), `${sut} of ${base} ${JSON.stringify(fraction)}`).toBe(true);
        expect(reaches({ count: sut - 1, base, fraction }), `${sut - 1} of ${base} ${JSON.stringify(fraction)}`).toBe(false);
      }
    }
  });

  it('stays exact for the largest headcounts', () => {
    expect(minimumFor({ base: 1_000_000_000, fraction: TWO_THIRDS_OR_MORE })).toBe(666_666_667);
    expect(minimumFor({ base: 999_999_999, fraction: TWO_THIRDS_OR_MORE })).toBe(666_666_666);
    expect(minimumFor({ base: 1_000_000_000, fraction: MORE_THAN_HALF })).toBe(500_000_001);
  });
});

describe(ratio.name, () => {
  it('writes count over base as the meeting record does', () => {
    expect(ratio(25, 36)).toBe('25/36');
  });
});
