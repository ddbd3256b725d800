import { describe, expect, it } from 'vitest';
import { toFieldProblems } from './field-problems.js';

describe(toFieldProblems.name, () => {
  it('gives each broken rule a code, the field path and both languages', () => {
    const sut = toFieldProblems([
      { property: 'name', constraints: { maxLength: 'name must be shorter than or equal to 100 characters' }, children: [] },
      { property: 'extra', constraints: { whitelistValidation: 'property extra should not exist' }, children: [] },
      { property: 'address', children: [{ property: 'city', constraints: { isString: 'city must be a string' }, children: [] }] },
    ]);
    expect(sut.map((p) => [p.field, p.code])).toEqual([
      ['name', 'TOO_LONG'],
      ['extra', 'UNKNOWN_FIELD'],
      ['address.city', 'NOT_A_STRING'],
    ]);
    expect(sut[0]?.message.zh).toContain('name');
    expect(sut[0]?.message.en).toContain('100');
  });

  it('still codes a rule it does not know', () => {
    expect(toFieldProblems([{ property: 'x', constraints: { somethingNew: 'x is odd' }, children: [] }])[0]?.code).toBe('INVALID');
  });
});
