import type { ArgumentMetadata } from '@nestjs/common';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/errors/domain-error.js';
import { createDecoratorOnlyValidationPipe, createValidationPipe } from '../../common/validation/validation.pipe.js';
import { SendEventDto } from './send-event.dto.js';

const metadata: ArgumentMetadata = { type: 'body', metatype: SendEventDto, data: '' };
const sut = createValidationPipe();
const reference = createDecoratorOnlyValidationPipe();

type Outcome = { ok: true; value: unknown; keys: string[]; isDto: boolean } | { ok: false; error: unknown };

const outcome = async (pipe: typeof sut, body: unknown): Promise<Outcome> => {
  // each pipe gets its own copy: the decorators' pipe strips keys in place
  const input = body === undefined ? undefined : (JSON.parse(JSON.stringify(body)) as unknown);
  try {
    const value: unknown = await pipe.transform(input, metadata);
    return { ok: true, value, keys: Object.keys(value as object), isDto: value instanceof SendEventDto };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { ok: false, error: { name: error.name, code: error.code as string, text: error.text, field: error.field, errors: error.errors } };
  }
};

const samePipeOutcome = async (body: unknown) => {
  const fast = await outcome(sut, body);
  expect(fast).toStrictEqual(await outcome(reference, body));
  return fast;
};

describe(`${SendEventDto.name} through the validation pipe (fast check)`, () => {
  it.each([
    ['type and payload', { type: 'research.addFinding', payload: { summary: '走访', nested: { list: [1, 'a', null, { x: true }] } } }],
    ['payload first', { payload: { a: 1 }, type: 'topic.accept' }],
    ['no payload', { type: 'topic.accept' }],
    ['null payload', { type: 'topic.accept', payload: null }],
    ['empty payload', { type: 'topic.accept', payload: {} }],
    ['the shortest type', { type: 'a.b' }],
    ['a 60-character type', { type: `a.${'b'.repeat(58)}` }],
  ])('accepts %s exactly as the decorators do', async (_name, body) => {
    const result = await samePipeOutcome(body);
    expect(result).toMatchObject({ ok: true, isDto: true });
  });

  it('copies the payload rather than handing over the parsed body', async () => {
    const body = { type: 'topic.accept', payload: { a: { b: 1 } } };
    const dto = (await sut.transform(body, metadata)) as SendEventDto;
    expect(dto.payload).toEqual(body.payload);
    expect(dto.payload).not.toBe(body.payload);
    expect(dto.payload?.a).not.toBe(body.payload.a);
  });

  it.each([
    ['an unknown field', { type: 'topic.accept', extra: 1 }],
    ['no type', { payload: {} }],
    ['a number as type', { type: 7 }],
    ['a too short type', { type: 'a.' }],
    ['a 61-character type', { type: `a.${'b'.repeat(59)}` }],
    ['a type without a dot', { type: 'topicaccept' }],
    ['a type with two dots', { type: 'a.b.c' }],
    ['a type with a digit', { type: 'topic.accept2' }],
    ['a type with an upper-case namespace', { type: 'Topic.accept' }],
    ['an array payload', { type: 'topic.accept', payload: [1] }],
    ['a string payload', { type: 'topic.accept', payload: 'x' }],
    ['a number payload', { type: 'topic.accept', payload: 0 }],
    ['a false payload', { type: 'topic.accept', payload: false }],
    ['an array body', [{ type: 'topic.accept' }]],
    ['a string body', 'topic.accept'],
    ['a null body', null],
    ['no body', undefined],
    ['an empty body', {}],
  ])('refuses %s with the decorators’ own errors', async (_name, body) => {
    const result = await samePipeOutcome(body);
    expect(result.ok).toBe(false);
  });

  it.each([
    ['a payload key named like an Object method', { type: 'topic.accept', payload: { valueOf: null, summary: 'x' } }],
    ['a nested key named like an Object method', { type: 'topic.accept', payload: { a: [{ toString: 1 }] } }],
    ['a payload key "constructor"', { type: 'topic.accept', payload: { constructor: 'x' } }],
  ])('leaves %s to the decorators (class-transformer drops such keys)', async (_name, body) => {
    expect(await samePipeOutcome(body)).toMatchObject({ ok: true });
  });

  it('agrees with the decorators on generated bodies', async () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    const type = fc.oneof(
      fc.constantFrom('topic.accept', 'research.addFinding', 'a.b', `a.${'b'.repeat(58)}`, `a.${'b'.repeat(59)}`, '.a', 'a.', 'A.b', 'a.B', 'a..b', 'a.b1', ' a.b', 'a.b\n'),
      fc.stringMatching(/^[a-zA-Z.]{0,64}$/),
      json,
    );
    const body = fc.oneof(
      fc.record({ type, payload: fc.oneof(fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('toString', 'valueOf', 'constructor', 'hasOwnProperty', '__proto__')), json, { maxKeys: 4 }), json) }, { requiredKeys: [] }),
      fc.record({ type, payload: json, other: json }, { requiredKeys: ['type'] }),
      json,
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        await samePipeOutcome(b);
      }),
      { numRuns: 1000 },
    );
  });
});
