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

/**
 * Whether `JSON.stringify` of a value stands for it exactly: plain JSON data only — no undefined,
 * function, symbol, bigint, non-finite number, -0, sparse array or object other than a plain one
 * (a Date or a Map would be written as something else). Two such values with the same text are
 * equal as data, so a pure step reading them decides the same.
 */
const faithful = (value: unknown): boolean => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i += 1) if (!(i in value) || !faithful(value[i])) return false;
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key of Object.keys(value)) if (!faithful((value as Record<string, unknown>)[key])) return false;
      // own symbols or non-enumerable members would not be written either
      return Object.getOwnPropertySymbols(value).length === 0 && Object.getOwnPropertyNames(value).length === Object.keys(value).length;
    }
    default:
      return false;
  }
};

/**
 * The key of everything a step reads from a snapshot — its state value and context, as exact JSON
 * — or null when the snapshot cannot be keyed: not active, with child actors or history (which a
 * key would have to hold too), or data JSON does not write exactly.
 */
const stateKey = (snapshot: AnyMachineSnapshot): string | null => {
  if (snapshot.status !== 'active') return null;
  if (Object.keys(snapshot.children as object).length > 0) return null;
  const history = (snapshot as unknown as { historyValue?: object }).historyValue;
  if (history !== undefined && Object.keys(history).length > 0) return null;
  if (!faithful(snapshot.value) || !faithful(snapshot.context)) return null;
  // JSON escapes control characters: neither text holds a raw U+0000, so the key parses one way
  return `${JSON.stringify(snapshot.value)}\u0000${JSON.stringify(snapshot.context)}`;
};

/** A replayed snapshot and the number of its `stateKey` in its `ReplayMachine` (-1: steps from it are not memoised). */
export interface KeyedSnapshot {
  readonly snapshot: AnyMachineSnapshot;
  readonly id: number;
}

/** At most this many state keys are numbered per machine (most contexts after a meeting are unique). */
const STATE_LIMIT = 20_000;

/**
 * Replay's steps of one machine, memoised where that provably gives XState's own answer. A step
 * is a pure function (workflows/ are pure: purity.spec.ts) of the snapshot's state value and
 * context (`stateKey`) and the event. When the step, and everything written into the next
 * snapshot, never read the event's payload — the event is sent with its payload behind a getter
 * that notes the read, also while the next snapshot's key is written — then every event of that
 * type gives the same next snapshot from that state: it is kept, under (state key, event type),
 * and shared (snapshots are immutable). Steps that read the payload (a meeting's result, a
 * reason, an objection) are always run. A step is kept when seen a second time. State keys are
 * numbered, so that a kept step is found by a number and the event type, and leads to a state
 * whose number is known; the states after a step that read its payload are not keyed (they are
 * about one case only). replay.spec.ts compares every procedure's memoised walks with the
 * engine's `stepCase`.
 */
export class ReplayMachine {
  private readonly ids = new Map<string, number>();
  /** Per state number: event type → the kept step, or null when seen once. */
  private readonly steps: Map<string, KeyedSnapshot | null>[] = [];
  private readonly starts = new Map<string, KeyedSnapshot>();
  private keptSteps = 0;

  constructor(readonly machine: AnyStateMachine) {}

  /** Steps kept so far (for tests). */
  get kept(): number {
    return this.keptSteps;
  }

  private keyed(snapshot: AnyMachineSnapshot): KeyedSnapshot {
    const key = stateKey(snapshot);
    if (key === null) return { snapshot, id: -1 };
    let id = this.ids.get(key);
    if (id === undefined) {
      if (this.ids.size >= STATE_LIMIT) return { snapshot, id: -1 };
      id = this.ids.size;
      this.ids.set(key, id);
      this.steps.push(new Map());
    }
    return { snapshot, id };
  }

  /** The initial snapshot for `input` (`startCase(machine, input).snapshot`), kept per exact input. */
  start(input: unknown): KeyedSnapshot {
    const key = faithful(input) ? JSON.stringify(input) : null;
    const kept = key === null ? undefined : this.starts.get(key);
    if (kept !== undefined) return kept;
    const started = this.keyed(replayStart(this.machine, input));
    if (key !== null && this.starts.size < STATE_LIMIT) this.starts.set(key, started);
    return started;
  }

  /** `replayStep`: the next snapshot, or null when the procedure refuses the event. */
  step(from: KeyedSnapshot, type: string, payload: unknown): KeyedSnapshot | null {
    // a kept step was taken from this very state (active, the event declared) and accepted
    const memo = from.id >= 0 ? this.steps[from.id] : undefined;
    const kept = memo?.get(type);
    if (kept !== undefined && kept !== null) return kept;
    let read = false;
    const event = {
      type,
      get payload(): unknown {
        read = true;
        return payload;
      },
    };
    const next = replayStep(this.machine, from.snapshot, event);
    if (next === null) return null;
    // Not keyed after a step that read the payload (its context now most likely holds it: a
    // meeting's result, an objection), nor after a state that was not keyed: those keys would be
    // unique, written for nothing. Otherwise keyed while the payload is still watched: an event
    // stored in the context is read here.
    const result = read || from.id < 0 ? { snapshot: next, id: -1 } : this.keyed(next);
    if (memo !== undefined && result.id >= 0 && !read) {
      if (kept === null) {
        memo.set(type, result);
        this.keptSteps += 1;
      } else memo.set(type, null);
    }
    return result;
  }
}

const replayMachines = new WeakMap<AnyStateMachine, ReplayMachine>();
/** The memoised replay of a machine (one per machine, shared by all cases). */
export const replayMachine = (machine: AnyStateMachine): ReplayMachine => {
  let m = replayMachines.get(machine);
  if (m === undefined) {
    m = new ReplayMachine(machine);
    replayMachines.set(machine, m);
  }
  return m;
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
  private replayer: ReplayMachine | null = null;
  private snapshot: KeyedSnapshot | null = null;
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
      this.replayer = replayMachine(definition.machine);
      const input = entry.payload as CaseCreatedPayload;
      this.snapshot = this.replayer.start({ config: input.config, unitKind: input.unitKind });
      if (!same(this.snapshot.snapshot.value, entry.stateAfter)) report('初始状态与记录不符', 'initial state differs from the record', 1);
      return problems ?? NONE;
    }
    const definition = this.definition as ProcedureDefinition;
    const current = this.snapshot as KeyedSnapshot;
    const snapshot = current.snapshot;
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
    const keyed = (this.replayer as ReplayMachine).step(current, entry.eventType, entry.payload);
    if (keyed === null) {
      report(`重放时流程拒绝了「${entry.eventType}」`, `the procedure refuses ${entry.eventType} on replay`);
      return problems ?? NONE;
    }
    this.snapshot = keyed;
    if (!same(keyed.snapshot.value, entry.stateAfter)) report('记录的后一状态与重放不符', 'recorded state after differs from the replay');
    return problems ?? NONE;
  }

  /** The persisted snapshot replay reached (null when it could not run), and whether any entry disagreed. */
  result(): { snapshot: unknown; clean: boolean } {
    if (this.count === 0) return { snapshot: null, clean: false };
    if (this.failed || this.definition === null || this.snapshot === null) return { snapshot: null, clean: false };
    return { snapshot: persistSnapshot(this.definition.machine, this.snapshot.snapshot), clean: this.problemCount === 0 };
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
