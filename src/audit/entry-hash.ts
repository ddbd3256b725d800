import { hash } from 'node:crypto';
import type { AuditEntryFields } from './audit-entry.js';
import { CanonicalJsonError } from './canonical-json.js';

/**
 * The audit hash of docs/audit-format.md § The hash — SHA-256 of the RFC 8785 canonical JSON of
 * every member but `hash` — computed for verifiers that recompute a million of them: the same
 * bytes as `hashEntry` (audit-entry.ts, the writer's), which a property test checks on arbitrary
 * entries, at a fraction of the cost. The thirteen members (and the actor's five) are written in
 * their canonical order from a fixed template, objects whose members are already sorted (the
 * common case) are not sorted again, no intermediate arrays are built, lone surrogates are found
 * with `String.prototype.isWellFormed`, and the digest is one `crypto.hash` call. Refuses exactly
 * what `canonicalJson` refuses, with the same error class.
 */

type WellFormed = { isWellFormed(): boolean };
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed: (s: string) => boolean =
  typeof (String.prototype as unknown as Partial<WellFormed>).isWellFormed === 'function' ? (s) => (s as unknown as WellFormed).isWellFormed() : (s) => !LONE_SURROGATE.test(s);

const str = (value: string): string => {
  if (!wellFormed(value)) throw new CanonicalJsonError('string contains a lone surrogate');
  return JSON.stringify(value);
};

/** RFC 8785 canonical JSON of a value: byte for byte `canonicalJson(value)`. */
export const canonical = (value: unknown): string => {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return str(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`number ${String(value)} has no JSON form`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i += 1) {
          const item: unknown = value[i];
          if (item === undefined) throw new CanonicalJsonError('undefined in an array');
          out += i === 0 ? canonical(item) : `,${canonical(item)}`;
        }
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      let keys = Object.keys(record);
      for (let i = 1; i < keys.length; i += 1) {
        if ((keys[i - 1] as string) > (keys[i] as string)) {
          keys = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          break;
        }
      }
      let out = '{';
      let first = true;
      for (const key of keys) {
        const member = record[key];
        if (member === undefined) continue;
        out += `${first ? '' : ','}${str(key)}:${canonical(member)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new CanonicalJsonError(`a ${typeof value} has no JSON form`);
  }
};

/** Marks a value the quick way cannot write (a non-finite number, undefined in an array, …). */
const NOT_QUICK = Symbol('not quick');
const INDEX_KEY = /^(?:0|[1-9][0-9]*)$/;

/**
 * The value with every object's members in canonical (UTF-16 code unit) order, so that
 * `JSON.stringify` of it is its canonical JSON structurally: the value itself when it already is
 * (the common case: nothing copied), a copy with sorted members otherwise, NOT_QUICK when
 * JSON.stringify cannot write it canonically at all: a non-finite number (JSON.parse yields
 * Infinity for 1e400), undefined in an array, a non-JSON type, or an object whose members need
 * sorting among integer-like names (JavaScript always enumerates those first, numerically) or a
 * member named __proto__.
 * Strings are left to the caller's check of the whole text for lone surrogates.
 */
const ordered = (value: unknown): unknown => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : NOT_QUICK;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        let copy: unknown[] | null = null;
        for (let i = 0; i < value.length; i += 1) {
          const item: unknown = value[i];
          if (item === undefined) return NOT_QUICK;
          const o = ordered(item);
          if (o === NOT_QUICK) return NOT_QUICK;
          if (o !== item && copy === null) copy = value.slice(0, i) as unknown[];
          if (copy !== null) copy.push(o);
        }
        return copy ?? value;
      }
      // only plain objects: JSON.stringify would call a Date's toJSON, canonical JSON does not
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return NOT_QUICK;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      let sorted = true;
      for (let i = 1; i < keys.length; i += 1) {
        if ((keys[i - 1] as string) > (keys[i] as string)) {
          sorted = false;
          break;
        }
      }
      if (!sorted) {
        // a copy could not keep these in order (or as members: assigning __proto__ sets the prototype)
        for (const k of keys) {
          const c = k.charCodeAt(0);
          if ((c >= 0x30 && c <= 0x39 && INDEX_KEY.test(k)) || k === '__proto__') return NOT_QUICK;
        }
        // the default sort compares UTF-16 code units, as RFC 8785 orders members
        keys.sort();
      }
      let copy: Record<string, unknown> | null = null;
      for (let i = 0; i < keys.length; i += 1) {
        const key = keys[i] as string;
        const member = record[key];
        const o = member === undefined ? undefined : ordered(member);
        if (o === NOT_QUICK) return NOT_QUICK;
        if (copy === null && (!sorted || o !== member)) {
          if (keys.includes('__proto__')) return NOT_QUICK;
          copy = {};
          for (let j = 0; j < i; j += 1) copy[keys[j] as string] = record[keys[j] as string];
        }
        if (copy !== null && o !== undefined) copy[key] = o;
      }
      return copy ?? value;
    }
    default:
      return NOT_QUICK;
  }
};

/** The reader's actor (five members, written kind first) rebuilt in canonical order; anything else as it is. */
const actorInOrder = (a: unknown): unknown => {
  if (a === null || typeof a !== 'object' || Array.isArray(a) || Object.getPrototypeOf(a) !== Object.prototype) return a;
  const x = a as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== 5 || x.as === undefined || x.kind === undefined || x.personId === undefined || x.role === undefined || x.unitId === undefined) return a;
  // already in that order (the verifier's reader builds it so): no copy
  if (keys[0] === 'as' && keys[1] === 'kind' && keys[2] === 'personId' && keys[3] === 'role' && keys[4] === 'unitId') return a;
  return { as: x.as, kind: x.kind, personId: x.personId, role: x.role, unitId: x.unitId };
};

/** A member of the entry: absent stays absent. */
const orderedMember = (value: unknown): unknown => (value === undefined ? undefined : ordered(value));

/**
 * JSON.stringify writes a lone surrogate as a `\udxxx` escape (ES2019), which canonical JSON
 * refuses; canonical JSON never writes that escape otherwise. A text without `\ud` has none.
 */
const mayHaveLoneSurrogate = (json: string): boolean => json.includes('\\ud');

const member = (name: string, value: unknown): string => (value === undefined ? '' : `,"${name}":${canonical(value)}`);

const actorJson = (a: unknown): string => {
  // The actor is an object of exactly these five members in every entry the reader builds;
  // anything else is written the general way.
  if (a !== null && typeof a === 'object' && !Array.isArray(a)) {
    const x = a as Record<string, unknown>;
    if (Object.keys(x).length === 5 && x.as !== undefined && x.kind !== undefined && x.personId !== undefined && x.role !== undefined && x.unitId !== undefined) {
      return `{"as":${canonical(x.as)},"kind":${canonical(x.kind)},"personId":${canonical(x.personId)},"role":${canonical(x.role)},"unitId":${canonical(x.unitId)}}`;
    }
  }
  return canonical(a);
};

const canonicalEntryWith = (e: AuditEntryFields, m: (name: string, value: unknown) => string, actor: (a: unknown) => string): string => {
  const rest =
    (e.actor === undefined ? '' : `,"actor":${actor(e.actor)}`) +
    m('caseId', e.caseId) +
    m('caseSeq', e.caseSeq) +
    m('eventType', e.eventType) +
    m('globalSeq', e.globalSeq) +
    m('kind', e.kind) +
    m('payload', e.payload) +
    m('prevHash', e.prevHash) +
    m('procedureId', e.procedureId) +
    m('procedureVersion', e.procedureVersion) +
    m('recordedAt', e.recordedAt) +
    m('stateAfter', e.stateAfter) +
    m('stateBefore', e.stateBefore);
  return `{${rest.slice(1)}}`;
};

/** A string, a finite number, or absent: written the same by both. */
const flat = (value: unknown): boolean => typeof value === 'string' || value === undefined || (typeof value === 'number' && Number.isFinite(value));

/**
 * The canonical JSON an entry's hash is computed over (members in RFC 8785 order). First the quick
 * way — one native JSON.stringify of the members in canonical order, when none needs reordering —
 * and, when a member does or the text could hold a lone surrogate, the exact way (which refuses
 * what canonical JSON refuses).
 */
export const canonicalEntry = (e: AuditEntryFields): string => {
  const actor = orderedMember(actorInOrder(e.actor));
  const payload = orderedMember(e.payload);
  const stateAfter = orderedMember(e.stateAfter);
  const stateBefore = orderedMember(e.stateBefore);
  const quickOk =
    flat(e.caseId) &&
    flat(e.caseSeq) &&
    flat(e.eventType) &&
    flat(e.globalSeq) &&
    flat(e.kind) &&
    flat(e.prevHash) &&
    flat(e.procedureId) &&
    flat(e.procedureVersion) &&
    flat(e.recordedAt) &&
    actor !== NOT_QUICK &&
    payload !== NOT_QUICK &&
    stateAfter !== NOT_QUICK &&
    stateBefore !== NOT_QUICK;
  if (quickOk) {
    const text = JSON.stringify({
      actor,
      caseId: e.caseId,
      caseSeq: e.caseSeq,
      eventType: e.eventType,
      globalSeq: e.globalSeq,
      kind: e.kind,
      payload,
      prevHash: e.prevHash,
      procedureId: e.procedureId,
      procedureVersion: e.procedureVersion,
      recordedAt: e.recordedAt,
      stateAfter,
      stateBefore,
    });
    if (!mayHaveLoneSurrogate(text)) return text;
  }
  return canonicalEntryWith(e, member, actorJson);
};

/** Lower-case hex SHA-256 of the entry's canonical JSON: equal to `hashEntry(e)`. */
export const entryHash = (e: AuditEntryFields): string => hash('sha256', canonicalEntry(e), 'hex');
