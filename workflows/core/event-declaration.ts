import type { Role } from '../org/roles.js';
import type { UnitKind } from '../org/unit-kinds.js';
import type { Label } from './label.js';
import type { PayloadDecl, PayloadOf } from './payload.js';

/**
 * Who may send an event.
 * - `role`: a person holding `role` at the case's unit or above it (roles are inherited downwards).
 *   `at` narrows where the assignment must sit: on an ancestor-or-self of the case's unit whose kind
 *   is listed, or `handling-level`, the unit currently handling the case (four-plus-five escalation).
 * - `submitter`: the person who submitted the case.
 * - `system`: only the engine itself (meeting results, notice periods, deadlines). No client can
 *   ever send these: a client cannot assert that a vote passed.
 */
export type Sender =
  | { readonly kind: 'role'; readonly role: Role; readonly at?: readonly UnitKind[] | 'handling-level' }
  | { readonly kind: 'submitter' }
  | { readonly kind: 'system' };

export interface EventDecl {
  readonly label: Label;
  readonly description: Label;
  readonly senders: readonly Sender[];
  readonly payload: PayloadDecl;
}

export type EventDecls = Readonly<Record<string, EventDecl>>;

/** The machine event union described by a set of declarations: `{ type, payload }`. */
export type EventsOf<D extends EventDecls> = {
  [K in keyof D & string]: { type: K; payload: PayloadOf<D[K]['payload']> };
}[keyof D & string];

export const byRole = (role: Role, at?: readonly UnitKind[] | 'handling-level'): Sender =>
  at === undefined ? { kind: 'role', role } : { kind: 'role', role, at };
export const SUBMITTER: Sender = { kind: 'submitter' };
export const SYSTEM: Sender = { kind: 'system' };

/** Identity helper that keeps the literal types of a declaration set. */
export const defineEvents = <const D extends EventDecls>(decls: D): D => decls;

export const isSystemOnly = (decl: EventDecl): boolean =>
  decl.senders.length > 0 && decl.senders.every((sender) => sender.kind === 'system');
