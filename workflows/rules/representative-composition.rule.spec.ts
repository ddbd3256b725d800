import { describe, expect, it } from 'vitest';
import { checkRepresentativeComposition, type RepresentativeComposition } from './representative-composition.rule.js';

const composition = (overrides: Partial<RepresentativeComposition> = {}): RepresentativeComposition => ({
  members: 45,
  representatives: 38,
  women: 15,
  ...overrides,
});

const warningCodes = (input: RepresentativeComposition): string[] => {
  const sut = checkRepresentativeComposition(input);
  if (!sut.ok) throw new Error(sut.error.message.en);
  return sut.warnings.map((w) => w.code);
};

describe(checkRepresentativeComposition.name, () => {
  it('scenario 2: 45 members, 38 representatives, 7 committee members, 14 women → the women warning only', () => {
    const sut = checkRepresentativeComposition({ members: 45, representatives: 38, committeeMembers: 7, women: 14 });
    expect(sut).toEqual({
      ok: true,
      warnings: [
        {
          code: 'women_below_one_third',
          actual: 14,
          required: 15,
          message: {
            zh: '妇女村民代表14人，不足组成人员45人的三分之一（应至少15人）',
            en: '14 women representatives, less than one third of the 45 members (should be at least 15)',
          },
        },
      ],
    });
  });

  it.each([
    // four fifths or more of 45 is 36 or more; one third or more of 45 is 15 or more
    [{ representatives: 36 }, []],
    [{ representatives: 35 }, ['representatives_below_four_fifths']],
    [{ women: 15 }, []],
    [{ women: 14 }, ['women_below_one_third']],
    [{ representatives: 30, women: 10 }, ['representatives_below_four_fifths', 'women_below_one_third']],
    [{ members: 5, representatives: 4, women: 2 }, []],
    [{ members: 5, representatives: 3, women: 2 }, ['representatives_below_four_fifths']],
  ] as const)('%o → %o', (overrides, codes) => {
    expect(warningCodes(composition(overrides))).toEqual(codes);
  });

  it.each([
    [{ members: -1 }, 'invalid_count', 'members'],
    [{ members: 0, representatives: 0, women: 0 }, 'empty_base', 'members'],
    [{ representatives: 46 }, 'composition_mismatch', 'representatives'],
    [{ women: 39 }, 'composition_mismatch', 'women'],
    [{ committeeMembers: 8 }, 'composition_mismatch', 'committeeMembers'],
  ])('refuses %o with %s', (overrides, code, field) => {
    expect(checkRepresentativeComposition(composition(overrides))).toMatchObject({ ok: false, error: { code, field } });
  });
});
