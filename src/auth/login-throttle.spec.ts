import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.js';

describe(LoginThrottle.name, () => {
  const build = () => {
    let now = 0;
    const sut = new LoginThrottle({ maxFailuresPerAccount: 3, maxFailuresPerAddress: 5, windowSeconds: 60 }, () => now);
    return { sut, advance: (ms: number) => (now += ms) };
  };

  it('locks an account after its limit of failures, from any address, until the window passes', () => {
    const { sut, advance } = build();
    for (const address of ['a1', 'a2', 'a3']) sut.recordFailure('wang', address);
    expect(sut.retryAfter('wang', 'a4')).toBe(60);
    advance(30_000);
    expect(sut.retryAfter('wang', 'a4')).toBe(30);
    advance(30_001);
    expect(sut.retryAfter('wang', 'a4')).toBe(0);
  });

  it('locks an address that tries many accounts', () => {
    const { sut } = build();
    for (const user of ['u1', 'u2', 'u3', 'u4', 'u5']) sut.recordFailure(user, 'addr');
    expect(sut.retryAfter('u6', 'addr')).toBeGreaterThan(0);
    expect(sut.retryAfter('u6', 'other')).toBe(0);
  });

  it('a success clears the account count', () => {
    const { sut } = build();
    sut.recordFailure('wang', 'a');
    sut.recordFailure('wang', 'a');
    sut.recordSuccess('wang');
    sut.recordFailure('wang', 'a');
    expect(sut.retryAfter('wang', 'b')).toBe(0);
  });
});
