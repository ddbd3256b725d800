import type { AnyMachineSnapshot } from 'xstate';
import { decideEvent, type EventDecision } from '../core/decide-event.js';
import { meetingClosedEvent } from '../core/meeting-event.js';
import type { ActorFact, CaseFact } from '../core/permissions.js';
import type { ProcedureDefinition } from '../core/procedure.js';
import { startCase } from '../core/step.js';
import type { Role } from '../org/roles.js';
import { decideMeeting } from '../rules/decide.js';
import type { MeetingRuleInput, MeetingResult } from '../rules/meeting-rule.types.js';

export const SYSTEM_ACTOR: ActorFact = { kind: 'system' };

export const person = (personId: string, ...assignments: [Role, string][]): ActorFact => ({
  kind: 'person',
  personId,
  assignments: assignments.map(([role, unitId]) => ({ role, unitId })),
});

/**
 * Drives one case the way the engine will, in memory: every event goes through `decideEvent`,
 * delayed events become timers that a test fires by id, meetings are decided by the legal rules.
 */
export class CaseDriver {
  snapshot: AnyMachineSnapshot;
  readonly timers = new Map<string, { type: string; payload?: unknown }>();
  readonly log: string[] = [];

  constructor(
    readonly definition: ProcedureDefinition,
    readonly kase: CaseFact,
    config: Record<string, unknown> = {},
  ) {
    const unitKind = kase.unitPath[kase.unitPath.length - 1]?.kind;
    const started = startCase(definition.machine, { config: { ...definition.defaults, ...config }, unitKind });
    this.snapshot = started.snapshot;
    for (const timer of started.timers.schedule) this.timers.set(timer.id, timer.event);
  }

  get state(): unknown {
    const value: unknown = this.snapshot.value;
    return value;
  }

  send(actor: ActorFact, type: string, payload: Record<string, unknown> = {}): EventDecision {
    const decision = decideEvent({ definition: this.definition, snapshot: this.snapshot, event: { type, payload }, actor, kase: this.kase });
    this.log.push(`${type}: ${decision.kind}`);
    if (decision.kind === 'accepted') {
      this.snapshot = decision.snapshot;
      for (const id of decision.timers.cancel) this.timers.delete(id);
      for (const timer of decision.timers.schedule) this.timers.set(timer.id, timer.event);
    }
    return decision;
  }

  /** Fires a stored timer as the engine's scheduler would, as the system actor. */
  fire(timerId: string): EventDecision {
    const event = this.timers.get(timerId);
    if (!event) throw new Error(`no timer ${timerId}; timers: ${[...this.timers.keys()].join(', ')}`);
    this.timers.delete(timerId);
    return this.send(SYSTEM_ACTOR, event.type, (event.payload ?? {}) as Record<string, unknown>);
  }

  /** Closes a meeting: the rule decides, the result goes to the case as `meeting.closed`. */
  closeMeeting(meetingId: string, input: MeetingRuleInput): { result: MeetingResult; decision: EventDecision } {
    const outcome = decideMeeting(input);
    if (!outcome.ok) throw new Error(`rule refused the figures: ${outcome.error.code}`);
    const event = meetingClosedEvent(meetingId, outcome);
    return { result: outcome, decision: this.send(SYSTEM_ACTOR, event.type, event.payload as unknown as Record<string, unknown>) };
  }
}
