import {
  createActor,
  getNextTransitions,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type AnyTransitionDefinition,
  type EventObject,
  type SnapshotStatus,
  type StateValue,
} from 'xstate';
import { GUARD_REASONS, UNKNOWN_GUARD_REASON } from './guard-reasons.js';
import type { Label } from './label.js';

/** A delayed event the engine must keep as a durable timer (XState does not persist them). */
export interface ScheduledTimer {
  /** Unique within the case; a later cancel names it. */
  readonly id: string;
  readonly event: EventObject;
  readonly delayMs: number;
}

export interface TimerEffects {
  readonly schedule: readonly ScheduledTimer[];
  readonly cancel: readonly string[];
}

export type StepResult =
  | { readonly kind: 'accepted'; readonly snapshot: AnyMachineSnapshot; readonly timers: TimerEffects }
  | { readonly kind: 'not-accepted'; readonly accepted: readonly string[] }
  | { readonly kind: 'guard-rejected'; readonly guard: string; readonly reason: Label };

interface RaiseParams {
  event: EventObject;
  id?: string;
  delay?: number;
}

/** Turns the actions returned by `transition()` into the timers to store and to delete. */
export const timerEffectsOf = (actions: readonly { type: string; params?: unknown }[]): TimerEffects => {
  // Applied in order: a cancel deletes any stored timer of that id and drops one scheduled earlier
  // in this step; a schedule after a cancel (a state re-entered) stores a fresh timer.
  const schedule = new Map<string, ScheduledTimer>();
  const cancel = new Set<string>();
  for (const action of actions) {
    if (action.type === 'xstate.cancel') {
      const { sendId } = action.params as { sendId: string };
      schedule.delete(sendId);
      cancel.add(sendId);
    } else if (action.type === 'xstate.raise') {
      const params = action.params as RaiseParams;
      if (typeof params.delay === 'number') {
        const id = params.id ?? params.event.type;
        schedule.set(id, { id, event: params.event, delayMs: params.delay });
      }
    }
  }
  return { schedule: [...schedule.values()], cancel: [...cancel] };
};

const guardName = (guard: AnyTransitionDefinition['guard']): string | undefined => {
  if (typeof guard === 'string') return guard;
  if (guard && typeof guard === 'object' && 'type' in guard && typeof guard.type === 'string') return guard.type;
  return undefined;
};

const isExternalEventType = (type: string): boolean => type !== '' && !type.startsWith('xstate.');

/** The event types the current state accepts (guards not evaluated), in document order. */
export const acceptedEventTypes = (snapshot: AnyMachineSnapshot): string[] => {
  if (snapshot.status !== 'active') return [];
  const types = getNextTransitions(snapshot).map((t) => t.eventType as string);
  return [...new Set(types.filter(isExternalEventType))];
};

type MachineScope = Parameters<AnyStateMachine['transition']>[2];
type ExecutableAction = { type: string; params?: unknown };
interface ReusableScope {
  readonly scope: MachineScope;
  readonly actions: ExecutableAction[];
}

const scopes = new WeakMap<AnyStateMachine, ReusableScope>();

/**
 * XState's pure `transition(machine, snapshot, event)` is `machine.transition(snapshot, event,
 * scope)` with a fresh inert actor scope whose construction (an actor that computes the machine's
 * initial state) costs several times the step itself. The scope only collects the actions the step
 * would execute and hosts spawned children (no procedure spawns or invokes any), so one scope per
 * machine is built once and reused: steps are synchronous and never nest, and the collected
 * actions are taken out after each step. step.spec.ts compares every procedure's steps with
 * XState's own `transition()`.
 */
const reusableScope = (machine: AnyStateMachine): ReusableScope => {
  let entry = scopes.get(machine);
  if (entry === undefined) {
    const self = createActor(machine);
    const actions: ExecutableAction[] = [];
    const noop = () => undefined;
    const scope: MachineScope = {
      self,
      defer: noop,
      id: '',
      logger: noop,
      sessionId: '',
      stopChild: noop,
      system: self.system,
      emit: noop,
      actionExecutor: (action) => {
        actions.push(action);
      },
    };
    entry = { scope, actions };
    scopes.set(machine, entry);
  }
  return entry;
};

/** `transition(machine, snapshot, event)` of XState on a reused scope: the next snapshot and the actions to execute. */
export const pureTransition = (machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: EventObject): [AnyMachineSnapshot, ExecutableAction[]] => {
  const { scope, actions } = reusableScope(machine);
  actions.length = 0;
  const next = machine.transition(snapshot, event, scope) as AnyMachineSnapshot;
  return [next, actions.splice(0)];
};

/** `initialTransition(machine, input)` of XState on a reused scope. */
export const pureInitialTransition = (machine: AnyStateMachine, input: unknown): [AnyMachineSnapshot, ExecutableAction[]] => {
  const { scope, actions } = reusableScope(machine);
  actions.length = 0;
  const snapshot = machine.getInitialSnapshot(scope, input) as AnyMachineSnapshot;
  return [snapshot, actions.splice(0)];
};

/**
 * Steps a case with XState's pure `transition()` and says precisely what happened: accepted (with
 * the timers to store or cancel), not accepted in this state, or refused by a named guard.
 */
/** An event as the engine sends it: a type and its declared payload. */
export interface CaseEvent {
  readonly type: string;
  readonly payload?: unknown;
}

export const stepCase = (machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: CaseEvent): StepResult => {
  const candidates = snapshot.status === 'active' ? getNextTransitions(snapshot).filter((t) => t.eventType === event.type) : [];
  if (candidates.length === 0) return { kind: 'not-accepted', accepted: acceptedEventTypes(snapshot) };
  const [next, actions] = pureTransition(machine, snapshot, event);
  if (next === snapshot) {
    const guard = guardName(candidates[candidates.length - 1]?.guard) ?? 'unknown';
    return { kind: 'guard-rejected', guard, reason: GUARD_REASONS[guard] ?? UNKNOWN_GUARD_REASON };
  }
  return { kind: 'accepted', snapshot: next, timers: timerEffectsOf(actions) };
};

/** Starts a case: the initial snapshot and any timers its first state schedules. */
export const startCase = (machine: AnyStateMachine, input: unknown): { snapshot: AnyMachineSnapshot; timers: TimerEffects } => {
  const [snapshot, actions] = pureInitialTransition(machine, input);
  return { snapshot, timers: timerEffectsOf(actions) };
};

/** Restores a snapshot persisted as JSON (the inverse of `machine.getPersistedSnapshot`). */
export const restoreSnapshot = (machine: AnyStateMachine, persisted: unknown): AnyMachineSnapshot => {
  const { value, context, status } = persisted as { value: StateValue; context: unknown; status?: SnapshotStatus };
  return machine.resolveState({ value, context, ...(status ? { status } : {}) });
};

export const persistSnapshot = (machine: AnyStateMachine, snapshot: AnyMachineSnapshot): unknown =>
  JSON.parse(JSON.stringify(machine.getPersistedSnapshot(snapshot))) as unknown;
