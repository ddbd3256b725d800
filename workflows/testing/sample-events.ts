import type { AnyMachineSnapshot } from 'xstate';
import { acceptedEventTypes } from '../core/step.js';
import type { FieldDecl, PayloadDecl } from '../core/payload.js';
import type { ProcedureDefinition, StateMeta } from '../core/procedure.js';
import { BODY_TYPE_NAMES, type BodyType } from '../rules/body-types.js';

export interface CaseEvent {
  readonly type: string;
  readonly payload: Record<string, unknown>;
}

/**
 * Sample events for exploring a procedure's graph: for every event the current state accepts,
 * valid payloads that exercise each branch (a meeting that passes, fails or lacks quorum for
 * each body the step allows and one it does not; an evaluation at and just below the threshold).
 */

const sampleValue = (field: FieldDecl): unknown => {
  switch (field.type) {
    case 'text':
      return '说明 reason';
    case 'ref':
      return 'ref-1';
    case 'date':
      return '2026-01-15';
    case 'integer':
      return field.min;
    case 'boolean':
      return true;
    case 'enum':
      return field.values[0];
    case 'enumList':
      return field.values.slice(0, Math.max(field.minItems ?? 0, 1));
    default: {
      const unreachable: never = field;
      return unreachable;
    }
  }
};

export const samplePayload = (decl: PayloadDecl): Record<string, unknown> =>
  Object.fromEntries(Object.entries(decl).map(([name, field]) => [name, sampleValue(field)]));

const stepBodies = (snapshot: AnyMachineSnapshot): BodyType[] => {
  const metas = Object.values(snapshot.getMeta() as Record<string, StateMeta | undefined>);
  return metas.flatMap((m) => m?.meeting?.bodies ?? []);
};

const meetingVariants = (snapshot: AnyMachineSnapshot): CaseEvent[] => {
  const bodies = stepBodies(snapshot);
  const foreign = BODY_TYPE_NAMES.find((b) => !bodies.includes(b)) ?? 'resident_council';
  const outcome = (body: BodyType, quorumMet: boolean, passed: boolean, n: number) => ({
    type: 'meeting.closed',
    payload: { meetingId: `m-${body}-${n}`, body, quorumMet, passed, ruleId: `${body}.rule` },
  });
  return [
    ...bodies.flatMap((body) => [outcome(body, true, true, 1), outcome(body, true, false, 2), outcome(body, false, false, 3)]),
    outcome(foreign, true, true, 4),
  ];
};

export const sampleEvents = (definition: ProcedureDefinition, snapshot: AnyMachineSnapshot): CaseEvent[] => {
  const events: CaseEvent[] = [];
  for (const type of acceptedEventTypes(snapshot)) {
    const decl = definition.events[type];
    if (!decl) throw new Error(`${definition.id}: state accepts undeclared event ${type}`);
    if (type === 'meeting.closed') {
      events.push(...meetingVariants(snapshot));
    } else if (type === 'evaluation.submit') {
      const threshold = (snapshot.context as { config: { evaluationThresholdPercent: number } }).config.evaluationThresholdPercent;
      for (const satisfactionPercent of [threshold, threshold - 1]) {
        events.push({ type, payload: { ...samplePayload(decl.payload), satisfactionPercent } });
      }
    } else {
      events.push({ type, payload: samplePayload(decl.payload) });
    }
  }
  return events;
};

/** Default input for a case of this procedure at a unit of the first kind it applies to. */
export const sampleInput = (definition: ProcedureDefinition, unitKind = definition.appliesTo.unitKinds[0]) => ({
  config: { ...definition.defaults },
  unitKind,
});
