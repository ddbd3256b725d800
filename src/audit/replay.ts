import { type AnyMachineSnapshot, type AnyStateMachine, type AnyStateNode, type EventObject } from 'xstate';
import { getProcedure } from '../../workflows/registry.js';
import { persistSnapshot, pureInitialTransition, pureTransition } from '../../workflows/core/step.js';
import type { ProcedureDefinition } from '../../workflows/core/procedure.js';
import type { AuditEntry } from './audit-entry.js';

export interface ReplayProblem {
  readonly caseSeq: number;
  /** The entry's global sequence, when the problem is about an entry. */
  readonly globalSeq: number | null;
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

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether a state would take `type` at all, guards aside: some active atomic state or one of its
 * ancestors has a transition for it. The same test as the engine's `stepCase`
 * (workflows/core/step.ts: `getNextTransitions(snapshot)` filtered by event type), without listing
 * every transition of every state.
 */
const declares = (snapshot: AnyMachineSnapshot, type: string): boolean => {
  const nodes = (snapshot as unknown as { _nodes: readonly AnyStateNode[] })._nodes;
  for (const node of nodes) {
    // atomic as XState means it (isAtomicStateNode, not exported): a leaf or a final state
    if (node.type !== 'atomic' && node.type !== 'final') continue;
    for (let s: AnyStateNode | undefined = node; s !== undefined; s = s.parent) {
      if ((s.transitions.get(type)?.length ?? 0) > 0) return true;
    }
  }
  return false;
};

/** The initial snapshot for `input`: `startCase(machine, input).snapshot`, on the reused scope. */
export const replayStart = (machine: AnyStateMachine, input: unknown): AnyMachineSnapshot => pureInitialTransition(machine, input)[0];

/**
 * One step of replay, with the engine's meaning of "accepted" (`stepCase`): the snapshot is
 * active, a state declares the event, and the machine moved (a guard that refuses leaves XState's
 * snapshot as it was). Returns the next snapshot, or null when the procedure refuses the event.
 */
export const replayStep = (machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: EventObject): AnyMachineSnapshot | null => {
  if (snapshot.status !== 'active' || !declares(snapshot, event.type)) return null;
  // XState's step on the engine's reused scope (workflows/core/step.ts); replay needs no actions:
  // timers are replayed from their own audit entries.
  const [next] = pureTransition(machine, snapshot, event);
  return next === snapshot ? null : next;
};

const NONE: readonly ReplayProblem[] = Object.freeze([]);

/**
 * Replays one case's audited events, entry by entry as they are read, through the recorded
 * procedure version from its initial state: each accepted event must be accepted again and lead
 * to the recorded state; entries that are not machine events (`record`, `timer.discarded`, and any
 * later non-machine kind) must leave the state as it is. `result()` gives the snapshot the events
 * lead to, to compare with the stored one (an edited snapshot shows as a mismatch). Holds only the
 * current machine snapshot.
 */
export class CaseReplay {
  private definition: ProcedureDefinition | null = null;
  private snapshot: AnyMachineSnapshot | null = null;
  /** Replay could not start (no creation entry, unknown procedure version): nothing more is checked. */
  private failed = false;
  private count = 0;
  private problemCount = 0;

  /** Replays the next entry; returns its problems. */
  add(entry: AuditEntry): readonly ReplayProblem[] {
    const first = this.count === 0;
    this.count += 1;
    if (this.failed) return NONE;
    let problems: ReplayProblem[] | null = null;
    const report = (zh: string, en: string, caseSeq = entry.caseSeq) => {
      (problems ??= []).push({ caseSeq, globalSeq: caseSeq === entry.caseSeq ? entry.globalSeq : null, message: { zh, en } });
      this.problemCount += 1;
    };
    if (first) {
      if (entry.kind !== 'case.created') {
        this.failed = true;
        report('缺少立案记录，无法重放', 'no creation entry to replay from');
        return problems ?? NONE;
      }
      const definition = getProcedure(entry.procedureId, entry.procedureVersion);
      if (!definition) {
        this.failed = true;
        report(`未知流程版本 ${entry.procedureId} v${entry.procedureVersion}`, `unknown procedure version ${entry.procedureId} v${entry.procedureVersion}`, 1);
        return problems ?? NONE;
      }
      this.definition = definition;
      const input = entry.payload as CaseCreatedPayload;
      this.snapshot = replayStart(definition.machine, { config: input.config, unitKind: input.unitKind });
      if (!same(this.snapshot.value, entry.stateAfter)) report('初始状态与记录不符', 'initial state differs from the record', 1);
      return problems ?? NONE;
    }
    const definition = this.definition as ProcedureDefinition;
    const snapshot = this.snapshot as AnyMachineSnapshot;
    if (entry.procedureId !== definition.id || entry.procedureVersion !== definition.version) {
      report('记录的流程版本前后不一致', 'the recorded procedure version changed mid-case');
    }
    if (entry.kind !== 'case.event') {
      if (!same(entry.stateBefore, entry.stateAfter) || !same(entry.stateAfter, snapshot.value)) {
        report('非流程记录却改变了状态', 'a record that is not an event changed the state');
      }
      return problems ?? NONE;
    }
    if (!same(entry.stateBefore, snapshot.value)) report('记录的前一状态与重放不符', 'recorded state before differs from the replay');
    const next = replayStep(definition.machine, snapshot, { type: entry.eventType, payload: entry.payload } as EventObject);
    if (next === null) {
      report(`重放时流程拒绝了「${entry.eventType}」`, `the procedure refuses ${entry.eventType} on replay`);
      return problems ?? NONE;
    }
    this.snapshot = next;
    if (!same(next.value, entry.stateAfter)) report('记录的后一状态与重放不符', 'recorded state after differs from the replay');
    return problems ?? NONE;
  }

  /** The persisted snapshot replay reached (null when it could not run), and whether any entry disagreed. */
  result(): { snapshot: unknown; clean: boolean } {
    if (this.count === 0) return { snapshot: null, clean: false };
    if (this.failed || this.definition === null || this.snapshot === null) return { snapshot: null, clean: false };
    return { snapshot: persistSnapshot(this.definition.machine, this.snapshot), clean: this.problemCount === 0 };
  }
}

/** The problem replay reports for a case without entries. */
export const noCreationProblem = (): ReplayProblem => ({ caseSeq: 0, globalSeq: null, message: { zh: '缺少立案记录，无法重放', en: 'no creation entry to replay from' } });

/**
 * Replays a case's audited events (in case-sequence order) through the recorded procedure version
 * from its initial state; see `CaseReplay`.
 */
export const replayCase = (entries: readonly AuditEntry[]): ReplayResult => {
  if (entries.length === 0) return { snapshot: null, problems: [noCreationProblem()] };
  const replay = new CaseReplay();
  const problems = entries.flatMap((entry) => replay.add(entry));
  return { snapshot: replay.result().snapshot, problems };
};
