import { describe, expect, it } from 'vitest';
import { AddressRateLimit } from './address-rate-limit.js';

describe(AddressRateLimit.name, () => {
  it('allows max attempts per address in the window, then says how long to wait', () => {
    const sut = new AddressRateLimit(2, 60_000);
    expect(sut.hit('a', 0)).toBe(0);
    expect(sut.hit('a', 1000)).toBe(0);
    expect(sut.hit('a', 2000)).toBe(58);
    expect(sut.hit('b', 2000)).toBe(0);
    expect(sut.hit('a', 60_001)).toBe(0);
  });
});
