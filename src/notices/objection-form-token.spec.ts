import { describe, expect, it } from 'vitest';
import { MAX_FORM_AGE_MS, MIN_FORM_AGE_MS, ObjectionFormTokens } from './objection-form-token.js';

const NOTICE = '5f1c0a52-0000-4000-8000-000000000001';
const T0 = Date.parse('2026-01-01T00:00:00.000Z');

describe(ObjectionFormTokens.name, () => {
  const sut = new ObjectionFormTokens(Buffer.from('k'.repeat(32)));

  it('accepts a token of its notice once it is old enough, naming its nonce (single use is checked in the database)', () => {
    const token = sut.issue(NOTICE, T0);
    expect(sut.check(token, NOTICE, T0 + 1000)).toEqual({ ok: false, reason: 'fresh', retryAfterSeconds: 4 });
    expect(sut.check(token, NOTICE, T0 + MIN_FORM_AGE_MS)).toEqual({ ok: true, nonce: token.split('.')[1] });
    // two tokens never share a nonce
    expect(sut.issue(NOTICE, T0).split('.')[1]).not.toBe(token.split('.')[1]);
  });

  it('refuses another notice, a forged or truncated token, an expired one and one from another key', () => {
    const token = sut.issue(NOTICE, T0);
    expect(sut.check(token, NOTICE.replace('1', '2'), T0 + 10_000)).toMatchObject({ reason: 'invalid' });
    expect(sut.check(`${token}x`, NOTICE, T0 + 10_000)).toMatchObject({ reason: 'invalid' });
    expect(sut.check(token.split('.').slice(0, 2).join('.'), NOTICE, T0 + 10_000)).toMatchObject({ reason: 'invalid' });
    expect(sut.check(undefined, NOTICE, T0)).toMatchObject({ reason: 'invalid' });
    expect(sut.check(token, NOTICE, T0 + MAX_FORM_AGE_MS + 1)).toMatchObject({ reason: 'expired' });
    const other = new ObjectionFormTokens(Buffer.from('o'.repeat(32)));
    expect(other.check(token, NOTICE, T0 + 10_000)).toMatchObject({ reason: 'invalid' });
    // a back-dated issue time cannot be forged without the key
    const [, nonce, mac] = token.split('.');
    expect(sut.check(`${(T0 - 60_000).toString(36)}.${nonce}.${mac}`, NOTICE, T0)).toMatchObject({ reason: 'invalid' });
  });
});
