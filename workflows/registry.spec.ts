import { describe, expect, it } from 'vitest';
import { describeStates, describeTransitions } from './core/describe.js';
import { isSystemOnly } from './core/event-declaration.js';
import { GUARD_LABELS, GUARD_REASONS } from './core/guard-reasons.js';
import { ROLES } from './org/roles.js';
import {
  PROCEDURE_IDS,
  PROCEDURE_VERSIONS,
  appliesTo,
  getProcedure,
  resolveConfig,
  settingOf,
  versionsOf,
} from './registry.js';

const SYSTEM_EVENTS = ['meeting.closed', 'notice.periodEnded', 'objection.filed', 'review.deadlinePassed', 'implementation.deadlinePassed'];

describe('procedure registry', () => {
  it('lists the four procedures, each with a version 1 that stays loadable', () => {
    expect(PROCEDURE_IDS).toEqual(['five-step', 'four-plus-five', 'one-report-four-deliberations', 'five-party-joint']);
    for (const id of PROCEDURE_IDS) {
      expect(versionsOf(id)).toContain(1);
      expect(getProcedure(id, 1)?.machine.id).toBe(id);
    }
    expect(getProcedure('five-step', 99)).toBeUndefined();
    expect(getProcedure('no-such-procedure')).toBeUndefined();
  });

  it('has no two definitions with the same id and version', () => {
    const keys = PROCEDURE_VERSIONS.map((p) => `${p.id}@${p.version}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each([
    ['five-step', 'community', 'open', true],
    ['five-step', 'village', 'village', true],
    ['four-plus-five', 'community', 'open', true],
    ['four-plus-five', 'grid', 'open', true],
    ['four-plus-five', 'community', 'closed', false],
    ['four-plus-five', 'grid', 'village', false],
    ['five-party-joint', 'community', 'closed', true],
    ['five-party-joint', 'community', 'open', false],
    ['one-report-four-deliberations', 'village', 'village', true],
    ['one-report-four-deliberations', 'community', 'village_to_community', true],
    ['one-report-four-deliberations', 'community', 'open', false],
    ['five-step', 'subdistrict', null, false],
  ] as const)('%s applies at a %s in a %s setting: %s', (id, kind, setting, expected) => {
    const sut = getProcedure(id);
    if (!sut) throw new Error(id);
    expect(appliesTo(sut, { kind, setting })).toBe(expected);
  });

  it('reads the setting from the nearest village or community', () => {
    expect(settingOf([{ kind: 'district' }, { kind: 'subdistrict' }, { kind: 'community', communityType: 'closed' }, { kind: 'grid' }])).toBe('closed');
    expect(settingOf([{ kind: 'district' }, { kind: 'town' }, { kind: 'village' }, { kind: 'grid' }])).toBe('village');
    expect(settingOf([{ kind: 'district' }, { kind: 'subdistrict' }])).toBeNull();
  });

  it('fills a case configuration from the defaults and refuses a bad override', () => {
    const sut = getProcedure('five-step');
    if (!sut) throw new Error('five-step');
    expect(resolveConfig(sut, {})).toEqual({ ok: true, config: { noticePeriodDays: 7 } });
    expect(resolveConfig(sut, { noticePeriodDays: 10 })).toEqual({ ok: true, config: { noticePeriodDays: 10 } });
    expect(resolveConfig(sut, { noticePeriodDays: 0 })).toMatchObject({ ok: false, errors: [{ field: 'noticePeriodDays', code: 'FIELD_OUT_OF_RANGE' }] });
    expect(resolveConfig(sut, { noticePeriod: 7 })).toMatchObject({ ok: false, errors: [{ code: 'FIELD_UNKNOWN' }] });
  });
});

describe.each(PROCEDURE_VERSIONS.map((p) => [`${p.id} v${p.version}`, p] as const))('declarations of %s', (_name, definition) => {
  const transitions = describeTransitions(definition.machine);
  const used = new Set(transitions.map((t) => t.event).filter((e) => e !== '(always)'));

  it('labels and describes every state in zh-CN and en', () => {
    for (const state of describeStates(definition.machine)) {
      for (const text of [state.label, state.description]) {
        expect(text.zh, state.path).toMatch(/\p{Script=Han}/u);
        expect(text.en, state.path).toMatch(/[a-z]/i);
      }
    }
  });

  it('declares exactly the events the statechart uses, namespaced', () => {
    expect([...used].sort()).toEqual(Object.keys(definition.events).sort());
    for (const type of used) expect(type).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });

  it('names a real role in every sender, and keeps engine events system-only', () => {
    for (const [type, decl] of Object.entries(definition.events)) {
      for (const sender of decl.senders) if (sender.kind === 'role') expect(Object.keys(ROLES), type).toContain(sender.role);
      expect(isSystemOnly(decl), type).toBe(SYSTEM_EVENTS.includes(type));
    }
  });

  it('requires a reason on every rejection, return, stop, withdrawal and objection answer', () => {
    const needsReason = Object.keys(definition.events).filter((type) => /\.(reject|return|stop|withdraw|uphold|dismiss|escalate)$/.test(type));
    expect(needsReason.length).toBeGreaterThan(0);
    for (const type of needsReason) {
      const reason = definition.events[type]?.payload.reason;
      expect(reason, type).toMatchObject({ type: 'text' });
      expect(reason?.optional, type).toBeFalsy();
    }
  });

  it('explains every guard it uses, for refusals and diagrams', () => {
    for (const guard of transitions.map((t) => t.guard).filter((g): g is string => g !== null)) {
      expect(GUARD_REASONS[guard], guard).toBeDefined();
      expect(GUARD_LABELS[guard], guard).toBeDefined();
    }
  });

  it('declares a default for every configuration field', () => {
    expect(Object.keys(definition.defaults).sort()).toEqual(Object.keys(definition.config).sort());
    expect(resolveConfig(definition, definition.defaults).ok).toBe(true);
  });
});
