import { describe, expect, it } from 'vitest';
import { getProcedure } from '../../workflows/registry.js';
import { startCase, stepCase, persistSnapshot } from '../../workflows/core/step.js';
import type { ProcedureDefinition } from '../../workflows/core/procedure.js';
import { genesisHash, sealEntry, type AuditEntry } from './audit-entry.js';
import { replayCase } from './replay.js';

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
