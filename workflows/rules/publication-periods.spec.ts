import { describe, expect, it } from 'vitest';
import { chinaDay, chinaDayStart, nextPeriod, parsePeriod, periodContaining } from './publication-periods.js';

describe('publication periods (China time, UTC+08:00)', () => {
  it.each([
    ['2026-Q1', '2025-12-31T16:00:00.000Z', '2026-03-31T16:00:00.000Z', '2026-01-01', '2026-03-31'],
    ['2026-Q3', '2026-06-30T16:00:00.000Z', '2026-09-30T16:00:00.000Z', '2026-07-01', '2026-09-30'],
    ['2026-Q4', '2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z', '2026-10-01', '2026-12-31'],
    ['2026-02', '2026-01-31T16:00:00.000Z', '2026-02-28T16:00:00.000Z', '2026-02-01', '2026-02-28'],
    ['2028-02', '2028-01-31T16:00:00.000Z', '2028-02-29T16:00:00.000Z', '2028-02-01', '2028-02-29'],
    ['2026-12', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z', '2026-12-01', '2026-12-31'],
  ])('%s runs from %s to %s (China days %s – %s)', (key, startsAt, endsAt, firstDay, lastDay) => {
    expect(parsePeriod(key)).toMatchObject({ key, startsAt, endsAt, firstDay, lastDay });
  });

  it.each(['2026-Q0', '2026-Q5', '2026-13', '2026-00', '2026-1', '26-Q1', '2026Q1', '1999-Q4', '2100-01', '2026-q1', ' 2026-Q1'])('refuses %j', (key) => {
    expect(parsePeriod(key)).toBeNull();
  });

  it.each([
    // the last millisecond of 30 September in China is still Q3; the next is Q4 although UTC still says 30 September
    ['2026-09-30T15:59:59.999Z', 'quarter', '2026-Q3'],
    ['2026-09-30T16:00:00.000Z', 'quarter', '2026-Q4'],
    ['2026-12-31T15:59:59.999Z', 'quarter', '2026-Q4'],
    ['2026-12-31T16:00:00.000Z', 'quarter', '2027-Q1'],
    ['2026-10-31T15:59:59.999Z', 'month', '2026-10'],
    ['2026-10-31T16:00:00.000Z', 'month', '2026-11'],
  ] as const)('the instant %s lies in %s %s', (iso, kind, key) => {
    expect(periodContaining(kind, iso).key).toBe(key);
  });

  it('steps to the next period across a year', () => {
    expect(nextPeriod(parsePeriod('2026-Q4')!).key).toBe('2027-Q1');
    expect(nextPeriod(parsePeriod('2026-12')!).key).toBe('2027-01');
  });

  it('reads calendar days in China time', () => {
    expect(chinaDay(Date.parse('2026-09-30T16:00:00.000Z'))).toBe('2026-10-01');
    expect(chinaDayStart('2026-10-01')).toBe('2026-09-30T16:00:00.000Z');
    expect(chinaDayStart('2026-02-30')).toBeNull();
    expect(chinaDayStart('2026-1-1')).toBeNull();
  });
});
