import { describe, expect, it } from 'vitest';
import { OrgErrorCode } from './org-error.js';
import { assertPlacement, childPath } from './unit-rules.js';

const codeOf = (fn: () => void): string | null => {
  try {
    fn();
    return null;
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe(assertPlacement.name, () => {
  it.each([
    ['district', null, null, null],
    ['grid', 'community', null, null],
    ['grid', 'village', null, null],
    ['community', 'town', 'village_to_community', null],
    ['grid', 'subdistrict', null, OrgErrorCode.KindNotAllowedHere],
    ['village', 'district', null, OrgErrorCode.KindNotAllowedHere],
    ['subdistrict', null, null, OrgErrorCode.KindNotAllowedHere],
    ['community', 'subdistrict', null, OrgErrorCode.CommunityTypeRequired],
    ['village', 'town', 'open', OrgErrorCode.CommunityTypeNotAllowed],
  ] as const)('%s under %s (type %s) → %s', (kind, parentKind, communityType, expected) => {
    expect(codeOf(() => assertPlacement({ kind, parentKind, communityType }))).toBe(expected);
  });
});

describe(childPath.name, () => {
  it('appends the id to the parent path', () => {
    expect(childPath(null, 'a')).toBe('/a/');
    expect(childPath('/a/', 'b')).toBe('/a/b/');
  });
});
