import { setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { getProcedure } from '../registry.js';
import { DAY_MS, type ProcedureDefinition, type StateMeta } from './procedure.js';
import {
  activePathsOf,
  checkLimitableState,
  dueAtOf,
  isValidLimitDays,
  limitableStatesOf,
  MAX_LIMIT_DAYS,
  resolveStepLimit,
  standingOf,
  stepChanges,
} from './step-limits.js';

const fiveStep = getProcedure('five-step') as ProcedureDefinition;

/** A two-step procedure whose first step declares a default limit in its meta. */
const withDefault: ProcedureDefinition = {
  ...fiveStep,
  id: 'limited',
  machine: setup({ types: { meta: {} as StateMeta } }).createMachine({
    id: 'limited',
    initial: 'intake',
    states: {
      intake: { meta: { label: { zh: '受理', en: 'Intake' }, description: { zh: '', en: '' }, deadline: { defaultDays: 15 } }, on: { go: 'done' } },
      done: { type: 'final', meta: { label: { zh: '办结', en: 'Done' }, description: { zh: '', en: '' }, outcome: 'completed' } },
    },
  }),
};

describe(limitableStatesOf.name, () => {
  it('lists every non-final state, nested ones included, with its default', () => {
    const sut = limitableStatesOf(fiveStep).map((s) => s.path);
    expect(sut).toContain('topic');
    expect(sut).toContain('publicNotice');
    expect(sut).toContain('publicNotice.running');
    expect(sut).not.toContain('completed');
    expect(sut).not.toContain('rejected');
    expect(limitableStatesOf(withDefault)).toEqual([{ path: 'intake', label: { zh: '受理', en: 'Intake' }, defaultDays: 15 }]);
  });
});

describe(checkLimitableState.name, () => {
  it('tells an unknown state from a final one', () => {
    expect(checkLimitableState(fiveStep, 'research')).toMatchObject({ ok: true, state: { path: 'research', defaultDays: null } });
    expect(checkLimitableState(fiveStep, 'completed')).toEqual({ ok: false, reason: 'final-state' });
    expect(checkLimitableState(fiveStep, 'nowhere')).toEqual({ ok: false, reason: 'unknown-state' });
    expect(checkLimitableState(fiveStep, 'publicNotice.nowhere')).toEqual({ ok: false, reason: 'unknown-state' });
  });
});

describe(isValidLimitDays.name, () => {
  it('takes whole days from 1 to a year', () => {
    expect([1, 30, MAX_LIMIT_DAYS].map(isValidLimitDays)).toEqual([true, true, true]);
    expect([0, -1, MAX_LIMIT_DAYS + 1, 1.5, Number.NaN, '3', null].map(isValidLimitDays)).toEqual([false, false, false, false, false, false, false]);
  });
});

describe(resolveStepLimit.name, () => {
  const path = ['district', 'subdistrict', 'community'];

  it('takes the unit’s own limit first', () => {
    expect(resolveStepLimit({ path, configured: new Map([['community', 5], ['subdistrict', 10]]), defaultDays: 15 })).toEqual({ days: 5, source: 'unit', unitId: 'community' });
  });

  it('inherits from the nearest ancestor down the subtree', () => {
    expect(resolveStepLimit({ path, configured: { district: 20, subdistrict: 10 }, defaultDays: 15 })).toEqual({ days: 10, source: 'ancestor', unitId: 'subdistrict' });
    expect(resolveStepLimit({ path, configured: { district: 20 }, defaultDays: null })).toEqual({ days: 20, source: 'ancestor', unitId: 'district' });
  });

  it('falls back to the procedure default, then to none', () => {
    expect(resolveStepLimit({ path, configured: { elsewhere: 3 }, defaultDays: 15 })).toEqual({ days: 15, source: 'procedure', unitId: null });
    expect(resolveStepLimit({ path, configured: {}, defaultDays: null })).toEqual({ days: null, source: 'none', unitId: null });
  });

  it('ignores configuration below the unit', () => {
    expect(resolveStepLimit({ path: ['district', 'subdistrict'], configured: { community: 5 }, defaultDays: null })).toMatchObject({ source: 'none' });
  });
});

describe(dueAtOf.name, () => {
  it('adds whole days of 24 hours, across month and year ends', () => {
    expect(dueAtOf('2026-01-01T00:00:00.000Z', 10)).toBe('2026-01-11T00:00:00.000Z');
    expect(dueAtOf('2026-12-25T08:30:15.123Z', 10)).toBe('2027-01-04T08:30:15.123Z');
    expect(dueAtOf('2028-02-28T12:00:00.000Z', 1)).toBe('2028-02-29T12:00:00.000Z');
    expect(Date.parse(dueAtOf('2026-03-29T01:00:00.000Z', 3)) - Date.parse('2026-03-29T01:00:00.000Z')).toBe(3 * DAY_MS);
  });
});

describe(standingOf.name, () => {
  const due = '2026-01-11T00:00:00.000Z';
  it('is overdue from the due moment itself, not one millisecond before', () => {
    expect(standingOf(due, '2026-01-10T23:59:59.999Z')).toEqual({ overdue: false, daysOverdue: 0 });
    expect(standingOf(due, due)).toEqual({ overdue: true, daysOverdue: 0 });
  });
  it('counts whole days past due', () => {
    expect(standingOf(due, '2026-01-11T23:59:59.999Z')).toEqual({ overdue: true, daysOverdue: 0 });
    expect(standingOf(due, '2026-01-12T00:00:00.000Z')).toEqual({ overdue: true, daysOverdue: 1 });
    expect(standingOf(due, '2026-02-10T00:00:00.000Z')).toEqual({ overdue: true, daysOverdue: 30 });
  });
});

describe(stepChanges.name, () => {
  const limitable = ['research', 'publicNotice', 'publicNotice.running', 'publicNotice.awaitingAnswers'];
  it('enters a step and its sub-state together and leaves them together', () => {
    expect(activePathsOf('publicNotice.running')).toEqual(['publicNotice', 'publicNotice.running']);
    expect(stepChanges({ limitable, before: 'study', after: 'publicNotice.running' })).toEqual({ left: [], entered: ['publicNotice', 'publicNotice.running'] });
    expect(stepChanges({ limitable, before: 'publicNotice.awaitingAnswers', after: 'implementation' })).toEqual({ left: ['publicNotice', 'publicNotice.awaitingAnswers'], entered: [] });
  });
  it('keeps the outer step while moving between its sub-states', () => {
    expect(stepChanges({ limitable, before: 'publicNotice.running', after: 'publicNotice.awaitingAnswers' })).toEqual({
      left: ['publicNotice.running'],
      entered: ['publicNotice.awaitingAnswers'],
    });
  });
  it('enters the first step when the case opens and leaves everything when it closes', () => {
    expect(stepChanges({ limitable, before: null, after: 'research' })).toEqual({ left: [], entered: ['research'] });
    expect(stepChanges({ limitable, before: 'research', after: null })).toEqual({ left: ['research'], entered: [] });
    expect(stepChanges({ limitable, before: 'research', after: 'research' })).toEqual({ left: [], entered: [] });
  });
});
