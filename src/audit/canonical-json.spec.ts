import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson } from './canonical-json.js';

describe(canonicalJson.name, () => {
  it('matches the example of RFC 8785 section 3.2.2', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts member names by UTF-16 code units (RFC 8785 section 3.2.3)', () => {
    const input = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
    // Compared as text: JSON.parse would reorder the integer-like key "1" on its own.
    const order = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'];
    const expected = `{${order.map((key) => `${JSON.stringify(key)}:${JSON.stringify(input[key as keyof typeof input])}`).join(',')}}`;
    expect(canonicalJson(input)).toBe(expected);
  });

  it.each([
    [0, '0'],
    [-0, '0'],
    [1e21, '1e+21'],
    [1e-7, '1e-7'],
    [0.000001, '0.000001'],
    [2 ** 53 + 1, '9007199254740992'],
    [-1.5, '-1.5'],
  ])('writes the number %s as %s', (n, text) => {
    expect(canonicalJson(n)).toBe(text);
  });

  it('writes nested objects without whitespace and drops undefined members', () => {
    expect(canonicalJson({ b: [1, { d: true, c: null }], a: '村', skip: undefined })).toBe('{"a":"村","b":[1,{"c":null,"d":true}]}');
  });

  it.each([[Number.NaN], [Infinity], [[undefined]], ['\ud800'], [() => 1], [BigInt(1)]])('refuses %s, which has no canonical form', (value) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
  });
});
