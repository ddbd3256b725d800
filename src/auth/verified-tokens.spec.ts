import { describe, expect, it } from 'vitest';
import { VerifiedTokens } from './verified-tokens.js';

describe(VerifiedTokens.name, () => {
  const claims = (exp: number) => ({ sub: 'p', ver: 1, exp });

  it('answers a remembered token until its exp, then forgets it (expired when now ≥ exp, as jsonwebtoken)', () => {
    let now = 1000;
    const sut = new VerifiedTokens(10, () => now);
    sut.remember('a.b.c', claims(1002));
    expect(sut.get('a.b.c')).toEqual(claims(1002));
    now = 1001;
    expect(sut.get('a.b.c')).toEqual(claims(1002));
    now = 1002;
    expect(sut.get('a.b.c')).toBeUndefined();
    expect(sut.size).toBe(0);
  });

  it('matches the exact token only', () => {
    const sut = new VerifiedTokens(10, () => 0);
    sut.remember('a.b.c', claims(10));
    expect(sut.get('a.b.C')).toBeUndefined();
    expect(sut.get('a.b.c ')).toBeUndefined();
  });

  it('never remembers a token without exp or with nbf', () => {
    const sut = new VerifiedTokens(10, () => 0);
    sut.remember('no.exp.here', { sub: 'p', ver: 1 });
    sut.remember('has.nbf.too', { sub: 'p', ver: 1, exp: 10, nbf: 5 } as never);
    expect(sut.size).toBe(0);
  });

  it('stays within its bound, forgetting the oldest first, and hands out frozen claims', () => {
    const sut = new VerifiedTokens(2, () => 0);
    sut.remember('t.1.x', claims(10));
    sut.remember('t.2.x', claims(10));
    sut.remember('t.3.x', claims(10));
    expect(sut.size).toBe(2);
    expect(sut.get('t.1.x')).toBeUndefined();
    expect(sut.get('t.3.x')).toBeDefined();
    expect(Object.isFrozen(sut.get('t.3.x'))).toBe(true);
  });
});
