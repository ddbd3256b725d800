import { describe, expect, it } from 'vitest';
import { objectionFiled } from './common-events.js';
import { validatePayload } from './payload.js';

describe('objectionFiled', () => {
  const sut = objectionFiled.payload;

  it('still accepts the payload of entries recorded before the text was chained (replay of old trails)', () => {
    expect(validatePayload(sut, { objectionId: 'o-1' })).toEqual({ ok: true, value: { objectionId: 'o-1' } });
  });

  it('accepts the text the engine chains now, up to the objection form limit of 2000 characters', () => {
    expect(validatePayload(sut, { objectionId: 'o-1', text: '收费标准不清楚' }).ok).toBe(true);
    expect(validatePayload(sut, { objectionId: 'o-1', text: '异'.repeat(2000) }).ok).toBe(true);
    expect(validatePayload(sut, { objectionId: 'o-1', text: '异'.repeat(2001) })).toMatchObject({ ok: false, errors: [{ field: 'text', code: 'FIELD_TOO_LONG' }] });
  });

  it('has no place for the objector’s name or contact', () => {
    expect(validatePayload(sut, { objectionId: 'o-1', text: 't', contact: '13800000001' })).toMatchObject({ ok: false, errors: [{ field: 'contact', code: 'FIELD_UNKNOWN' }] });
  });
});
