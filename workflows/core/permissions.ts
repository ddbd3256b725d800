import type { Role } from '../org/roles.js';
import type { UnitKind } from '../org/unit-kinds.js';
import type { EventDecl, Sender } from './event-declaration.js';

/** A role a person holds at a unit. */
export interface RoleAssignmentFact {
  readonly role: Role;
  readonly unitId: string;
}

/** Who is asking: a signed-in person with their role assignments, or the engine itself. */
export type ActorFact =
  | { readonly kind: 'person'; readonly personId: string; readonly assignments: readonly RoleAssignmentFact[] }
  | { readonly kind: 'system' };

/** Where the case sits: its unit's path from the root down to the case's unit itself. */
export interface CaseFact {
  readonly submitterId: string | null;
  readonly unitPath: readonly { readonly id: string; readonly kind: UnitKind }[];
  /** The level currently handling the case (four-plus-five escalation); defaults to the case's unit. */
  readonly handlingLevel?: UnitKind;
}

/** Which declared sender the actor matched, and through which assignment (for the audit entry). */
export type SendPermission =
  | { readonly allowed: true; readonly as: 'system' | 'submitter' }
  | { readonly allowed: true; readonly as: 'role'; readonly role: Role; readonly unitId: string }
  | { readonly allowed: false };

const matchRole = (sender: Extract<Sender, { kind: 'role' }>, actor: Extract<ActorFact, { kind: 'person' }>, kase: CaseFact) => {
  const caseUnit = kase.unitPath[kase.unitPath.length - 1];
  const handling = kase.handlingLevel ?? caseUnit?.kind;
  const eligibleUnits = kase.unitPath.filter((unit) => {
    if (sender.at === undefined) return true;
    if (sender.at === 'handling-level') return unit.kind === handling;
    return sender.at.includes(unit.kind);
  });
  // The nearest eligible unit wins, so the audit names the most specific assignment.
  for (const unit of [...eligibleUnits].reverse()) {
    const assignment = actor.assignments.find((a) => a.role === sender.role && a.unitId === unit.id);
    if (assignment) return assignment;
  }
  return undefined;
};

/**
 * Decides whether `actor` may send an event declared by `decl` to a case. A role is held at the
 * unit it is assigned to and every unit below it, so an assignment counts when it sits on the
 * case's unit or one of its ancestors (narrowed by the sender's `at`).
 */
export const maySend = (decl: EventDecl, actor: ActorFact, kase: CaseFact): SendPermission => {
  for (const sender of decl.senders) {
    switch (sender.kind) {
      case 'system':
        if (actor.kind === 'system') return { allowed: true, as: 'system' };
        break;
      case 'submitter':
        if (actor.kind === 'person' && kase.submitterId !== null && actor.personId === kase.submitterId) {
          return { allowed: true, as: 'submitter' };
        }
        break;
      case 'role': {
        if (actor.kind !== 'person') break;
        const assignment = matchRole(sender, actor, kase);
        if (assignment) return { allowed: true, as: 'role', role: assignment.role, unitId: assignment.unitId };
        break;
      }
      default: {
        const unreachable: never = sender;
        return unreachable;
      }
    }
  }
  return { allowed: false };
};
