import { describe, expect, it } from 'vitest';
import { ALL, MORE_THAN_HALF, ONE_THIRD_OR_MORE, TWO_THIRDS_OR_MORE, type Fraction } from './counting.js';
import { fractionWords, thresholdWords, verdictWords } from './counting-words.js';

const of = { zh: '应到30人', en: 'the 30 members' };

describe(fractionWords.name, () => {
  it.each([
    [MORE_THAN_HALF, '半数', 'half'],
    [TWO_THIRDS_OR_MORE, '三分之二', 'two thirds'],
    [ONE_THIRD_OR_MORE, '三分之一', 'one third'],
    [{ numerator: 3, denominator: 4, inclusive: true }, '四分之三', 'three quarters'],
    [{ numerator: 4, denominator: 5, inclusive: true }, '五分之四', 'four fifths'],
    [{ numerator: 11, denominator: 20, inclusive: true }, '二十分之十一', '11/20'],
    [ALL, '全体', 'all'],
  ] as const)('words %o as %s / %s', (fraction: Fraction, zh, en) => {
    expect(fractionWords(fraction)).toEqual({ zh, en });
  });
});

describe(thresholdWords.name, () => {
  it.each([
    [MORE_THAN_HALF, '应到30人的过半数', 'more than half of the 30 members'],
    [TWO_THIRDS_OR_MORE, '应到30人的三分之二以上', 'two thirds or more of the 30 members'],
    [{ numerator: 2, denominator: 3, inclusive: false }, '超过应到30人的三分之二', 'more than two thirds of the 30 members'],
    [{ numerator: 1, denominator: 2, inclusive: true }, '应到30人的半数以上', 'half or more of the 30 members'],
    [ALL, '应到30人全体', 'all of the 30 members'],
  ] as const)('words %o', (fraction: Fraction, zh, en) => {
    expect(thresholdWords(fraction, of)).toEqual({ zh, en });
  });
});

describe(verdictWords.name, () => {
  it.each([
    [true, MORE_THAN_HALF, '达到应到30人的过半数', 'is more than half of the 30 members'],
    [false, MORE_THAN_HALF, '未达到应到30人的过半数', 'is not more than half of the 30 members'],
    [true, TWO_THIRDS_OR_MORE, '达到应到30人的三分之二以上', 'is two thirds or more of the 30 members'],
    [false, TWO_THIRDS_OR_MORE, '未达到应到30人的三分之二以上', 'is less than two thirds of the 30 members'],
    [false, { numerator: 2, denominator: 3, inclusive: false }, '未超过应到30人的三分之二', 'is not more than two thirds of the 30 members'],
    [false, ALL, '未达到应到30人全体', 'is fewer than all of the 30 members'],
  ] as const)('met=%s %o', (met, fraction: Fraction, zh, en) => {
    expect(verdictWords(met, fraction, of)).toEqual({ zh, en });
  });
});
