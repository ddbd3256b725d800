import { describe, expect, it } from 'vitest';
import { payloadJsonSchema, validatePayload, type PayloadDecl } from './payload.js';

const decl = {
  reason: { type: 'text', label: { zh: '理由', en: 'Reason' }, maxLength: 10 },
  count: { type: 'integer', label: { zh: '人数', en: 'Count' }, min: 0, max: 100 },
  mode: { type: 'enum', label: { zh: '方式', en: 'Mode' }, values: ['a', 'b'] },
  on: { type: 'date', label: { zh: '日期', en: 'Date' }, optional: true },
  parties: { type: 'enumList', label: { zh: '各方', en: 'Parties' }, values: ['x', 'y', 'z'], minItems: 1, optional: true },
  flag: { type: 'boolean', label: { zh: '标记', en: 'Flag' }, optional: true },
  ref: { type: 'ref', label: { zh: '编号', en: 'Id' }, optional: true },
} as const satisfies PayloadDecl;

const valid = { reason: '因为', count: 3, mode: 'a' };
const codesOf = (payload: unknown) => {
  const result = validatePayload(decl, payload);
  return result.ok ? [] : result.errors.map((e) => `${e.field}:${e.code}`);
};

describe(validatePayload.name, () => {
  it('accepts a payload with every required field and no others', () => {
    expect(validatePayload(decl, valid)).toEqual({ ok: true, value: valid });
  });

  it('reports every error at once, naming each field', () => {
    expect(codesOf({ count: -1, mode: 'c', extra: 1 })).toEqual([
      'extra:FIELD_UNKNOWN',
      'reason:FIELD_REQUIRED',
      'count:FIELD_OUT_OF_RANGE',
      'mode:FIELD_NOT_ALLOWED_VALUE',
    ]);
  });

  it.each([
    [{ ...valid, reason: '   ' }, 'reason:FIELD_TOO_SHORT'],
    [{ ...valid, reason: '一二三四五六七八九十十' }, 'reason:FIELD_TOO_LONG'],
    [{ ...valid, reason: 5 }, 'reason:FIELD_WRONG_TYPE'],
    [{ ...valid, count: 1.5 }, 'count:FIELD_WRONG_TYPE'],
    [{ ...valid, count: '3' }, 'count:FIELD_WRONG_TYPE'],
    [{ ...valid, count: 101 }, 'count:FIELD_OUT_OF_RANGE'],
    [{ ...valid, on: '2026-02-30' }, 'on:FIELD_BAD_DATE'],
    [{ ...valid, on: '26-1-1' }, 'on:FIELD_BAD_DATE'],
    [{ ...valid, parties: [] }, 'parties:FIELD_TOO_SHORT'],
    [{ ...valid, parties: ['x', 'x'] }, 'parties:FIELD_NOT_ALLOWED_VALUE'],
    [{ ...valid, parties: ['w'] }, 'parties:FIELD_NOT_ALLOWED_VALUE'],
    [{ ...valid, flag: 'yes' }, 'flag:FIELD_WRONG_TYPE'],
    [{ ...valid, ref: 'x'.repeat(65) }, 'ref:FIELD_TOO_LONG'],
    // unpaired surrogates are not Unicode text: the audit trail's canonical JSON cannot hold them
    [{ ...valid, reason: '\uD800' }, 'reason:FIELD_WRONG_TYPE'],
    [{ ...valid, reason: 'a\uDC00b' }, 'reason:FIELD_WRONG_TYPE'],
    [{ ...valid, reason: '说明\uD83D' }, 'reason:FIELD_WRONG_TYPE'],
    [{ ...valid, ref: 'o-\uD800' }, 'ref:FIELD_WRONG_TYPE'],
  ])('refuses %j with %s', (payload, code) => {
    expect(codesOf(payload)).toEqual([code]);
  });

  it('counts characters, not bytes: ten Chinese characters fit a ten-character field', () => {
    expect(codesOf({ ...valid, reason: '一二三四五六七八九十' })).toEqual([]);
  });

  it('accepts text outside the Basic Multilingual Plane (surrogate pairs)', () => {
    expect(codesOf({ ...valid, reason: '𠮷野家😀', ref: '😀' })).toEqual([]);
  });

  it('accepts the edges of an integer range and a real date', () => {
    expect(codesOf({ ...valid, count: 0, on: '2024-02-29' })).toEqual([]);
    expect(codesOf({ ...valid, count: 100 })).toEqual([]);
  });

  it.each([[null], [[]], ['text'], [7]])('refuses a payload that is not an object: %j', (payload) => {
    expect(codesOf(payload)).toEqual([':PAYLOAD_NOT_OBJECT']);
  });

  it('gives every error a zh-CN and an en message', () => {
    const result = validatePayload(decl, { count: 'x' });
    expect(result.ok).toBe(false);
    if (!result.ok) for (const error of result.errors) expect(error.message.zh && error.message.en).toBeTruthy();
  });
});

describe(payloadJsonSchema.name, () => {
  it('describes required fields, types and limits for OpenAPI and forms', () => {
    const schema = payloadJsonSchema(decl) as { required: string[]; properties: Record<string, Record<string, unknown>> };
    expect(schema.required).toEqual(['reason', 'count', 'mode']);
    expect(schema.properties.count).toMatchObject({ type: 'integer', minimum: 0, maximum: 100 });
    expect(schema.properties.mode).toMatchObject({ type: 'string', enum: ['a', 'b'] });
    expect(schema.properties.reason).toMatchObject({ maxLength: 10, title: '理由' });
  });
});
