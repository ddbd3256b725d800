import type { AnyMachineSnapshot } from 'xstate';
import { getProcedure } from '../../workflows/registry.js';
import { persistSnapshot, startCase, stepCase } from '../../workflows/core/step.js';
import type { AuditEntry } from './audit-entry.js';

export interface ReplayProblem {
  readonly caseSeq: number;
  readonly message: { readonly zh: string; readonly en: string };
}

export interface ReplayResult {
  /** The snapshot the events lead to, persisted form; null when replay could not run. */
  readonly snapshot: unknown;
  readonly problems: readonly ReplayProblem[];
}

/** What a `case.created` entry records about how the machine was started. */
export interface CaseCreatedPayload {
  readonly config: Record<string, unknown>;
  readonly unitKind: string;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Replays a case's audited events through the recorded procedure version from its initial state:
 * each accepted event must be accepted again and lead to the recorded state. The result can then
 * be compared with the stored snapshot (an edited snapshot shows as a mismatch).
 */
export const replayCase = (entries: readonly AuditEntry[]): ReplayResult => {
  const created = entries[0];
  if (!created || created.kind !== 'case.created') {
    return { snapshot: null, problems: [{ caseSeq: created?.caseSeq ?? 0, message: { zh: '缺少立案记录，无法重放', en: 'no creation entry to replay from' } }] };
  }
  const definition = getProcedure(created.procedureId, created.procedureVersion);
  if (!definition) {
    return {
      snapshot: null,
      problems: [{ caseSeq: 1, message: { zh: `未知流程版本 ${created.procedureId} v${created.procedureVersion}`, en: `unknown procedure version ${created.procedureId} v${created.procedureVersion}` } }],
    };
  }
  const problems: ReplayProblem[] = [];
  const input = created.payload as CaseCreatedPayload;
  let snapshot: AnyMachineSnapshot = startCase(definition.machine, { config: input.config, unitKind: input.unitKind }).snapshot;
  if (!same(snapshot.value, created.stateAfter)) {
    problems.push({ caseSeq: 1, message: { zh: '初始状态与记录不符', en: 'initial state differs from the record' } });
  }
  for (const entry of entries.slice(1)) {
    if (entry.procedureId !== definition.id || entry.procedureVersion !== definition.version) {
      problems.push({ caseSeq: entry.caseSeq, message: { zh: '记录的流程版本前后不一致', en: 'the recorded procedure version changed mid-case' } });
    }
    if (entry.kind !== 'case.event') {
      if (!same(entry.stateBefore, entry.stateAfter) || !same(entry.stateAfter, snapshot.value)) {
        problems.push({ caseSeq: entry.caseSeq, message: { zh: '非流程记录却改变了状态', en: 'a record that is not an event changed the state' } });
      }
      continue;
    }
    if (!same(entry.stateBefore, snapshot.value)) {
      problems.push({ caseSeq: entry.caseSeq, message: { zh: '记录的前一状态与重放不符', en: 'recorded state before differs from the replay' } });
    }
    const result = stepCase(definition.machine, snapshot, { type: entry.eventType, payload: entry.payload });
    if (result.kind !== 'accepted') {
      problems.push({ caseSeq: entry.caseSeq, message: { zh: `重放时流程拒绝了「${entry.eventType}」`, en: `the procedure refuses ${entry.eventType} on replay` } });
      continue;
    }
    snapshot = result.snapshot;
    if (!same(snapshot.value, entry.stateAfter)) {
      problems.push({ caseSeq: entry.caseSeq, message: { zh: '记录的后一状态与重放不符', en: 'recorded state after differs from the replay' } });
    }
  }
  return { snapshot: persistSnapshot(definition.machine, snapshot), problems };
};
