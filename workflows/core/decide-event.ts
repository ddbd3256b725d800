import type { AnyMachineSnapshot } from 'xstate';
import type { UnitKind } from '../org/unit-kinds.js';
import type { EventDecl } from './event-declaration.js';
import type { Label } from './label.js';
import { validatePayload, type PayloadDecl, type PayloadError } from './payload.js';
import { maySend, type ActorFact, type CaseFact, type SendPermission } from './permissions.js';
import type { ProcedureDefinition } from './procedure.js';
import { acceptedEventTypes, stepCase, type TimerEffects } from './step.js';

/**
 * The engine's whole decision about one event, pure: who may send it, whether its payload matches
 * the declaration, whether the state accepts it and its guards allow it. The service persists
 * what this returns and nothing else; every refusal writes nothing.
 */
export type EventDecision =
  | {
      readonly kind: 'accepted';
      readonly snapshot: AnyMachineSnapshot;
      readonly timers: TimerEffects;
      readonly payload: Record<string, unknown>;
      readonly permission: Exclude<SendPermission, { allowed: false }>;
    }
  /** The procedure has no such event. */
  | { readonly kind: 'unknown-event'; readonly type: string }
  /** The actor holds no role (or is not the submitter) that may send it here. */
  | { readonly kind: 'forbidden'; readonly type: string }
  | { readonly kind: 'invalid-payload'; readonly errors: readonly PayloadError[] }
  /** The current state does not accept this event. */
  | { readonly kind: 'not-accepted'; readonly accepted: readonly string[] }
  | { readonly kind: 'guard-rejected'; readonly guard: string; readonly reason: Label };

/** The four-plus-five machine keeps the level handling the case in `context.level`. */
export const handlingLevelOf = (snapshot: AnyMachineSnapshot): UnitKind | undefined => {
  const level = (snapshot.context as { level?: unknown }).level;
  return typeof level === 'string' ? (level as UnitKind) : undefined;
};

const caseFactAt = (kase: CaseFact, snapshot: AnyMachineSnapshot): CaseFact => {
  const handlingLevel = handlingLevelOf(snapshot);
  return handlingLevel ? { ...kase, handlingLevel } : kase;
};

export const decideEvent = (args: {
  definition: ProcedureDefinition;
  snapshot: AnyMachineSnapshot;
  event: { type: string; payload?: unknown };
  actor: ActorFact;
  kase: CaseFact;
}): EventDecision => {
  const { definition, snapshot, event, actor } = args;
  const decl: EventDecl | undefined = Object.prototype.hasOwnProperty.call(definition.events, event.type)
    ? definition.events[event.type]
    : undefined;
  if (!decl) return { kind: 'unknown-event', type: event.type };
  const permission = maySend(decl, actor, caseFactAt(args.kase, snapshot));
  if (!permission.allowed) return { kind: 'forbidden', type: event.type };
  const payload = validatePayload(decl.payload, event.payload);
  if (!payload.ok) return { kind: 'invalid-payload', errors: payload.errors };
  const value = payload.value as Record<string, unknown>;
  const result = stepCase(definition.machine, snapshot, { type: event.type, payload: value });
  switch (result.kind) {
    case 'accepted':
      return { kind: 'accepted', snapshot: result.snapshot, timers: result.timers, payload: value, permission };
    case 'not-accepted':
      return { kind: 'not-accepted', accepted: result.accepted };
    case 'guard-rejected':
      return { kind: 'guard-rejected', guard: result.guard, reason: result.reason };
    default: {
      const unreachable: never = result;
      return unreachable;
    }
  }
};

export interface AllowedEvent {
  readonly type: string;
  readonly label: Label;
  readonly payload: PayloadDecl;
}

/** What this actor may send to this case now: accepted by the state and permitted to them. */
export const allowedEventsFor = (args: {
  definition: ProcedureDefinition;
  snapshot: AnyMachineSnapshot;
  actor: ActorFact;
  kase: CaseFact;
}): AllowedEvent[] => {
  const kase = caseFactAt(args.kase, args.snapshot);
  return acceptedEventTypes(args.snapshot).flatMap((type) => {
    const decl = args.definition.events[type];
    if (!decl || !maySend(decl, args.actor, kase).allowed) return [];
    return [{ type, label: decl.label, payload: decl.payload }];
  });
};
