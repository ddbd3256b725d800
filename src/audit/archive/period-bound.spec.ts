import { describe, expect, it } from 'vitest';
import { periodBound } from './case-archive.js';

describe(periodBound.name, () => {
  it('takes a date in China Standard Time: from its start, to the end of that day', () => {
    expect(periodBound('2026-01-01', false)).toBe('2025-12-31T16:00:00.000Z');
    expect(periodBound('2026-01-31', true)).toBe('2026-01-31T16:00:00.000Z');
    expect(periodBound('2024-02-29', true)).toBe('2024-02-29T16:00:00.000Z');
  });

  it('takes an instant with Z or an offset as it is', () => {
    expect(periodBound('2026-01-05T08:00:00Z', false)).toBe('2026-01-05T08:00:00.000Z');
    expect(periodBound('2026-01-05T08:00:00.5+08:00', true)).toBe('2026-01-05T00:00:00.500Z');
    expect(periodBound('2026-01-05T08:00Z', false)).toBe('2026-01-05T08:00:00.000Z');
  });

  it('refuses what is not a real date, or an instant without a zone', () => {
    for (const bad of ['2026-02-30', '2025-02-29', '2026-13-01', '2026-1-1', '20260101', 'yesterday', '', '2026-01-05T08:00:00', '2026-01-05 08:00:00Z', '2026-01-05T25:00:00Z']) {
      expect(periodBound(bad, false), bad).toBeNull();
    }
  });
});
