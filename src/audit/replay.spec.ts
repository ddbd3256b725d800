import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROCEDURE_VERSIONS, getProcedure } from '../../workflows/registry.js';
import { sampleEvents, sampleInput } from '../../workflows/testing/sample-events.js';
import { startCase, stepCase, persistSnapshot } from '../../workflows/core/step.js';
import type { ProcedureDefinition } from '../../workflows/core/procedure.js';
import { genesisHash, sealEntry, type AuditEntry } from './audit-entry.js';
import { ReplayMachine, replayCase, replayStart, replayStep, type KeyedSnapshot } from './replay.js';

const definition = getProcedure('five-step') as ProcedureDefinition;
const config = { noticePeriodDays: 7 };
const events = [
  { type: 'topic.accept', payload: {} },
  { type: 'research.addFinding', payload: { summary: '走访120户' } },
  { type: 'research.complete', payload: {} },
  { type: 'meeting.closed', payload: { meetingId: 'm1', body: 'resident_council', quorumMet: true, passed: true, ruleId: 'r' } },
];

/** A chain as the engine writes it for the first steps of scenario 1. */
const buildChain = (): { entries: AuditEntry[]; snapshot: unknown } => {
  const entries: AuditEntry[] = [];
  let snapshot = startCase(definition.machine, { config, unitKind: 'community' }).snapshot;
  const push = (kind: AuditEntry['kind'], eventType: string, payload: unknown, before: unknown, after: unknown) => {
    const caseSeq = entries.length + 1;
    entries.push(
      sealEntry({
        globalSeq: caseSeq,
        caseId: 'c1',
        caseSeq,
        recordedAt: '2026-01-01T00:00:00.000Z',
        actor: { kind: 'system', personId: null, role: null, unitId: null, as: 'system' },
        kind,
        eventType,
        payload,
        stateBefore: before,
        stateAfter: after,
        procedureId: 'five-step',
        procedureVersion: 1,
        prevHash: entries.at(-1)?.hash ?? genesisHash('c1'),
      }),
    );
  };
  push('case.created', 'case.created', { config, unitKind: 'community', title: '日间照料中心' }, null, snapshot.value);
  for (const event of events) {
    const result = stepCase(definition.machine, snapshot, event);
    if (result.kind !== 'accepted') throw new Error(event.type);
    push('case.event', event.type, event.payload, snapshot.value, result.snapshot.value);
    snapshot = result.snapshot;
  }
  push('record', 'meeting.recorded', { meetingId: 'm1' }, snapshot.value, snapshot.value);
  return { entries, snapshot: persistSnapshot(definition.machine, snapshot) };
};

describe(replayCase.name, () => {
  it('reproduces the stored snapshot from the audited events', () => {
    const { entries, snapshot } = buildChain();
    const sut = replayCase(entries);
    expect(sut.problems).toEqual([]);
    expect(sut.snapshot).toEqual(snapshot);
  });

  it('notices a meeting result changed to "not passed" in the trail', () => {
    const { entries } = buildChain();
    const index = entries.findIndex((e) => e.eventType === 'meeting.closed');
    const meeting = entries[index] as AuditEntry;
    entries[index] = { ...meeting, payload: { ...(meeting.payload as object), passed: false } };
    expect(replayCase(entries).problems.map((p) => p.caseSeq)).toContain(meeting.caseSeq);
  });

  it('notices a replay that cannot start', () => {
    const { entries } = buildChain();
    expect(replayCase(entries.slice(1)).snapshot).toBeNull();
    const unknown = entries.map((e) => ({ ...e, procedureVersion: 99 }));
    expect(replayCase(unknown).problems[0]?.message.en).toContain('unknown procedure version');
  });

  it('notices a record that claims to have moved the case', () => {
    const { entries } = buildChain();
    const last = entries.at(-1) as AuditEntry;
    entries[entries.length - 1] = { ...last, stateAfter: 'publicNotice' };
    expect(replayCase(entries).problems).toHaveLength(1);
  });
});

/**
 * Replay steps on one reused inert actor scope instead of XState's `transition()` (a fresh scope
 * per call): it must decide exactly as the engine's `stepCase` on every procedure — the same events
 * accepted or refused (unknown in the state, or refused by a guard), the same next value and
 * context, the same persisted snapshot — along random walks with every sample event tried at every
 * step, and start from the same initial snapshot.
 */
describe(replayStep.name, () => {
  const definitions = PROCEDURE_VERSIONS;
  it.each(definitions.map((d) => [`${d.id} v${d.version}`, d] as const))('decides like stepCase along random walks of %s', (_, definition) => {
    const machine = definition.machine;
    let checked = 0;
    let refused = 0;
    for (const unitKind of definition.appliesTo.unitKinds) {
      const input = sampleInput(definition, unitKind);
      const start = startCase(machine, input).snapshot;
      expect(persistSnapshot(machine, replayStart(machine, input))).toEqual(persistSnapshot(machine, start));
      fc.assert(
        fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), (choices) => {
          let snapshot = startCase(machine, input).snapshot;
          for (const choice of choices) {
            const candidates = [...sampleEvents(definition, snapshot), { type: 'no.such.event', payload: {} }];
            for (const event of candidates) {
              const engine = stepCase(machine, snapshot, event);
              const replayed = replayStep(machine, snapshot, event);
              checked += 1;
              if (engine.kind !== 'accepted') {
                refused += 1;
                expect(replayed).toBeNull();
              } else {
                expect(replayed).not.toBeNull();
                expect(persistSnapshot(machine, replayed as NonNullable<typeof replayed>)).toEqual(persistSnapshot(machine, engine.snapshot));
              }
            }
            const accepted = candidates.map((e) => stepCase(machine, snapshot, e)).filter((r) => r.kind === 'accepted');
            const next = accepted[choice % Math.max(1, accepted.length)];
            if (next === undefined || next.kind !== 'accepted') break;
            snapshot = next.snapshot;
          }
        }),
        { numRuns: 25 },
      );
    }
    // the walks did exercise both answers
    expect(checked).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(0);
  });
});

/**
 * The memoised steps (`ReplayMachine`, what `CaseReplay` uses): along random walks of every
 * procedure, with one memo shared by all walks so that steps are answered from it, every step
 * decides exactly as `stepCase` — accepted or refused, and the same persisted snapshot — whether
 * it was run or taken from the memo; and a memoised start equals `startCase`.
 */
describe(ReplayMachine.name, () => {
  it.each(PROCEDURE_VERSIONS.map((d) => [`${d.id} v${d.version}`, d] as const))('steps like stepCase along random walks of %s, memo or not', (_, definition) => {
    const machine = definition.machine;
    const memo = new ReplayMachine(machine);
    let checked = 0;
    for (const unitKind of definition.appliesTo.unitKinds) {
      const input = sampleInput(definition, unitKind);
      for (let i = 0; i < 2; i += 1) expect(persistSnapshot(machine, memo.start(input).snapshot)).toEqual(persistSnapshot(machine, startCase(machine, input).snapshot));
      fc.assert(
        fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), (choices) => {
          let snapshot = startCase(machine, input).snapshot;
          let keyed: KeyedSnapshot = memo.start(input);
          for (const choice of choices) {
            const candidates = [...sampleEvents(definition, snapshot), { type: 'no.such.event', payload: {} }];
            const results = candidates.map((event) => {
              const engine = stepCase(machine, snapshot, event);
              const replayed = memo.step(keyed, event.type, event.payload);
              checked += 1;
              if (engine.kind !== 'accepted') expect(replayed).toBeNull();
              else {
                expect(replayed).not.toBeNull();
                expect(persistSnapshot(machine, (replayed as KeyedSnapshot).snapshot)).toEqual(persistSnapshot(machine, engine.snapshot));
              }
              return { engine, replayed };
            });
            const accepted = results.filter((r) => r.engine.kind === 'accepted');
            const next = accepted[choice % Math.max(1, accepted.length)];
            if (next === undefined || next.engine.kind !== 'accepted') break;
            snapshot = next.engine.snapshot;
            keyed = next.replayed as KeyedSnapshot;
          }
        }),
        { numRuns: 40 },
      );
    }
    expect(checked).toBeGreaterThan(100);
    // the walks were answered from the memo too
    expect(memo.kept).toBeGreaterThan(0);
  });

  it('runs a step that reads the payload every time, and keeps one that does not', () => {
    const machine = definition.machine;
    const memo = new ReplayMachine(machine);
    let keyed = memo.start({ config, unitKind: 'community' });
    for (const event of events.slice(0, 3)) keyed = memo.step(keyed, event.type, event.payload) as KeyedSnapshot;
    const passed = { meetingId: 'm1', body: 'resident_council', quorumMet: true, passed: true, ruleId: 'r' };
    for (let i = 0; i < 3; i += 1) {
      expect(memo.step(keyed, 'meeting.closed', passed)?.snapshot.value).toBe('study');
      expect(memo.step(keyed, 'meeting.closed', { ...passed, passed: false })?.snapshot.value).toBe('research');
    }
    const kept = memo.kept;
    const research = memo.start({ config, unitKind: 'community' });
    const accepted = memo.step(research, 'topic.accept', {}) as KeyedSnapshot;
    memo.step(accepted, 'research.addFinding', { summary: 'a' });
    const again = memo.step(accepted, 'research.addFinding', { summary: 'b' });
    expect(memo.kept).toBeGreaterThan(kept);
    expect(memo.step(accepted, 'research.addFinding', { summary: 'c' })).toBe(again);
  });
});
