import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashEntry, type AuditEntryFields } from './audit-entry.js';
import { CanonicalJsonError, canonicalJson } from './canonical-json.js';
import { canonical, entryHash } from './entry-hash.js';

const outcome = (f: () => string): string => {
  try {
    return f();
  } catch (error) {
    return error instanceof CanonicalJsonError ? 'CanonicalJsonError' : `other: ${String(error)}`;
  }
};

const entry = (over: Partial<Record<keyof AuditEntryFields, unknown>> = {}): AuditEntryFields =>
  ({
    globalSeq: 7,
    caseId: '0b9b6c7e-3f0e-4a53-9d55-1f7c2f1f2a10',
    caseSeq: 3,
    recordedAt: '2026-01-05T08:00:00.000Z',
    actor: { kind: 'person', personId: 'p-1', role: 'council_clerk', unitId: 'u-1', as: 'role' },
    kind: 'case.event',
    eventType: 'research.addFinding',
    payload: { summary: '走访120户', method: 'visit' },
    stateBefore: 'research',
    stateAfter: 'research',
    procedureId: 'five-step',
    procedureVersion: 1,
    prevHash: 'a'.repeat(64),
    ...over,
  }) as AuditEntryFields;

// Strings with every kind of character RFC 8785 treats specially, lone surrogates included.
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('\uD800', '\uDC00', '"', '\\', '\u0000', '\u001f', '\u2028', 'é', '议', '😀') }));
const value = fc.letrec((tie) => ({
  any: fc.oneof(
    { maxDepth: 4 },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.constantFrom(-0, 1e21, 1e-7, Number.MAX_VALUE, Number.NaN, Number.POSITIVE_INFINITY),
    text,
    fc.constant(undefined),
    fc.date({ noInvalidDate: true }),
    fc.array(tie('any'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(text, fc.constantFrom('1', '10', '2', 'b', 'a', '__proto__x', '__proto__')), tie('any'), { maxKeys: 5 }),
  ),
})).any;

describe('entryHash', () => {
  it('equals hashEntry on a real-looking entry', () => {
    expect(entryHash(entry())).toBe(hashEntry(entry()));
  });

  it('equals hashEntry when a flat member of the usual shape needs escaping or is not a string', () => {
    const usual = { as: 'role', kind: 'person', personId: 'p-1', role: 'council_clerk', unitId: 'u-1' };
    for (const odd of ['a"b', 'a\\b', 'a\u0000b', 'a\u001fb', '\uD83D\uDE00', '\uD800', '\u2028议', 1, -0, 1e21, null, Number.NaN, { x: 1 }]) {
      for (const over of [{ caseId: odd }, { recordedAt: odd }, { eventType: odd }, { kind: odd }, { prevHash: odd }, { procedureId: odd }, { caseSeq: odd }, { globalSeq: odd }, { procedureVersion: odd }, { actor: { ...usual, role: odd } }, { actor: { ...usual, as: odd } }, { stateAfter: odd }, { payload: { text: odd } }]) {
        const e = entry({ actor: usual, ...over });
        expect(outcome(() => entryHash(e))).toBe(outcome(() => hashEntry(e)));
      }
    }
  });

  it('canonical() writes exactly what canonicalJson writes, and refuses exactly what it refuses (property)', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(outcome(() => canonical(v))).toBe(outcome(() => canonicalJson(v)));
      }),
      { numRuns: 3000 },
    );
  });

  it('equals hashEntry for arbitrary member values, missing members and odd actors (property)', () => {
    const actor = fc.oneof(
      fc.record({ kind: value, personId: value, role: value, unitId: value, as: value }),
      value,
      fc.record({ kind: text, personId: text, role: text, unitId: text, as: text, extra: value }),
      // the reader's shape (canonical member order), which the template writes
      fc.record({ as: text, kind: text, personId: fc.option(text), role: fc.option(text), unitId: fc.option(text) }),
    );
    fc.assert(
      fc.property(
        fc.record(
          { globalSeq: value, caseId: value, caseSeq: value, payload: value, stateBefore: value, stateAfter: value, prevHash: value, actor, recordedAt: text, eventType: value, kind: value, procedureId: value, procedureVersion: value },
          { requiredKeys: [] },
        ),
        (over) => {
          const e = entry(over);
          expect(outcome(() => entryHash(e))).toBe(outcome(() => hashEntry(e)));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
