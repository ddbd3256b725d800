import { describe, expect, it } from 'vitest';
import { mayHaveParent } from './unit-kinds.js';

describe('mayHaveParent', () => {
  it.each([
    ['district', null, true],
    ['subdistrict', 'district', true],
    ['village', 'town', true],
    ['grid', 'village', true],
    ['grid', 'community', true],
    ['building', 'grid', true],
  ] as const)('accepts a %s under %s', (child, parent, expected) => {
    expect(mayHaveParent(child, parent)).toBe(expected);
  });

  it.each([
    ['grid', 'district'],
    ['village', 'community'],
    ['community', null],
    ['district', 'district'],
    ['building', 'village'],
  ] as const)('refuses a %s under %s', (child, parent) => {
    expect(mayHaveParent(child, parent)).toBe(false);
  });
});
