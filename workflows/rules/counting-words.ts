import type { Label } from '../core/label.js';
import type { Fraction } from './counting.js';

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
const EN_NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'] as const;
const EN_ORDINALS = ['', '', 'half', 'third', 'quarter', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'] as const;

/** 1–99 as Chinese numerals (三, 十二, 二十一); larger numbers stay in digits. */
const zhNumber = (n: number): string => {
  if (n < 10) return ZH_DIGITS[n] ?? String(n);
  if (n >= 100) return String(n);
  const tens = (n - (n % 10)) / 10;
  const ones = n % 10;
  return `${tens === 1 ? '' : ZH_DIGITS[tens]}十${ones === 0 ? '' : ZH_DIGITS[ones]}`;
};

const isHalf = (f: Fraction): boolean => f.numerator * 2 === f.denominator;
const isAll = (f: Fraction): boolean => f.numerator === f.denominator;

/** 三分之二 / two thirds; 半数 / half; 全体 / all. */
export const fractionWords = (f: Fraction): Label => {
  if (isAll(f)) return { zh: '全体', en: 'all' };
  if (isHalf(f)) return { zh: '半数', en: 'half' };
  const zh = `${zhNumber(f.denominator)}分之${zhNumber(f.numerator)}`;
  const numerator = EN_NUMBERS[f.numerator];
  const ordinal = EN_ORDINALS[f.denominator];
  if (numerator === undefined || ordinal === undefined) return { zh, en: `${f.numerator}/${f.denominator}` };
  return { zh, en: `${numerator} ${ordinal}${f.numerator > 1 ? 's' : ''}` };
};

/** The threshold itself: 应到36人的过半数 / more than half of the 36 …; 三分之二以上 / two thirds or more. */
export const thresholdWords = (f: Fraction, of: Label): Label => {
  const words = fractionWords(f);
  if (isAll(f)) return { zh: `${of.zh}全体`, en: `all of ${of.en}` };
  if (!f.inclusive && isHalf(f)) return { zh: `${of.zh}的过半数`, en: `more than half of ${of.en}` };
  if (!f.inclusive) return { zh: `超过${of.zh}的${words.zh}`, en: `more than ${words.en} of ${of.en}` };
  return { zh: `${of.zh}的${words.zh}以上`, en: `${words.en} or more of ${of.en}` };
};

/** Whether a count reached the threshold, as a predicate: 达到…的过半数 / is more than half of …. */
export const verdictWords = (met: boolean, f: Fraction, of: Label): Label => {
  const words = fractionWords(f);
  if (isAll(f)) {
    return met
      ? { zh: `达到${of.zh}全体`, en: `is all of ${of.en}` }
      : { zh: `未达到${of.zh}全体`, en: `is fewer than all of ${of.en}` };
  }
  if (!f.inclusive && isHalf(f)) {
    return met
      ? { zh: `达到${of.zh}的过半数`, en: `is more than half of ${of.en}` }
      : { zh: `未达到${of.zh}的过半数`, en: `is not more than half of ${of.en}` };
  }
  if (!f.inclusive) {
    return met
      ? { zh: `超过${of.zh}的${words.zh}`, en: `is more than ${words.en} of ${of.en}` }
      : { zh: `未超过${of.zh}的${words.zh}`, en: `is not more than ${words.en} of ${of.en}` };
  }
  return met
    ? { zh: `达到${of.zh}的${words.zh}以上`, en: `is ${words.en} or more of ${of.en}` }
    : { zh: `未达到${of.zh}的${words.zh}以上`, en: `is less than ${words.en} of ${of.en}` };
};

/** "1 party" / "2 parties": English count nouns; Chinese needs none. */
export const countOf = (n: number, singular: string, plural: string): string => `${n} ${n === 1 ? singular : plural}`;
