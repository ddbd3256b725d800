import type { AnyMachineSnapshot, AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { isSystemOnly, type EventDecl, type Sender } from './event-declaration.js';
import { GUARD_LABELS } from './guard-reasons.js';
import type { Label } from './label.js';
import { payloadJsonSchema, type PayloadDecl } from './payload.js';
import type { NoticeKind, Outcome, ProcedureDefinition, StateMeta } from './procedure.js';

/**
 * Reads a procedure's states, events and transitions out of its statechart, so that the API,
 * the docs, the diagrams and the console all show what the machine itself declares.
 */

export interface StateDescription {
  /** Dotted path from the root, e.g. `publicNotice.running`. */
  readonly path: string;
  readonly parent: string | null;
  readonly label: Label;
  readonly description: Label;
  readonly final: boolean;
  readonly initial: boolean;
  readonly meeting?: StateMeta['meeting'];
  readonly notice?: { readonly kind: NoticeKind };
  readonly outcome?: Outcome;
}

export interface TransitionDescription {
  readonly from: string;
  readonly event: string;
  /** Target state path, or `null` for a transition that stays (records something). */
  readonly to: string | null;
  readonly guard: string | null;
  readonly guardLabel: Label | null;
}

export interface EventDescription {
  readonly type: string;
  readonly label: Label;
  readonly description: Label;
  readonly senders: readonly Sender[];
  readonly systemOnly: boolean;
  readonly payload: PayloadDecl;
  readonly payloadSchema: Record<string, unknown>;
}

const ALWAYS = '(always)';
const OTHERWISE: Label = { zh: '否则', en: 'otherwise' };

const pathOf = (node: AnyStateNode): string => node.path.join('.');
const metaOf = (node: AnyStateNode): StateMeta => {
  const meta = node.meta as StateMeta | undefined;
  if (!meta) throw new Error(`state ${node.id} has no meta (label, description)`);
  return meta;
};

const walk = (node: AnyStateNode): AnyStateNode[] => {
  const children = Object.values(node.states) as AnyStateNode[];
  return children.flatMap((child) => [child, ...walk(child)]);
};

export const stateNodesOf = (machine: AnyStateMachine): AnyStateNode[] => walk(machine.root);

export const describeStates = (machine: AnyStateMachine): StateDescription[] =>
  stateNodesOf(machine).map((node) => {
    const meta = metaOf(node);
    const parent = node.parent && node.parent !== machine.root ? pathOf(node.parent) : null;
    const siblingsInitial = node.parent?.config.initial;
    return {
      path: pathOf(node),
      parent,
      label: meta.label,
      description: meta.description,
      final: node.type === 'final',
      initial: siblingsInitial === node.key,
      ...(meta.meeting ? { meeting: meta.meeting } : {}),
      ...(meta.notice ? { notice: meta.notice } : {}),
      ...(meta.outcome ? { outcome: meta.outcome } : {}),
    };
  });

const guardOf = (transition: AnyTransitionDefinition): string | null => {
  const guard: unknown = transition.guard;
  if (typeof guard === 'string') return guard;
  if (guard && typeof guard === 'object' && 'type' in guard && typeof guard.type === 'string') return guard.type;
  return null;
};

export const describeTransitions = (machine: AnyStateMachine): TransitionDescription[] =>
  stateNodesOf(machine).flatMap((node) => {
    const own = [...node.transitions.entries()].flatMap(([event, list]) => list.map((t) => ({ event, t })));
    const always = (node.always ?? []).map((t) => ({ event: ALWAYS, t }));
    return [...own, ...always].map(({ event, t }, index, all) => {
      const guard = guardOf(t);
      const target = t.target?.[0];
      // An unguarded transition after guarded ones for the same event is their "otherwise".
      const otherwise = guard === null && all.slice(0, index).some((other) => other.event === event);
      return {
        from: pathOf(node),
        event,
        to: target ? pathOf(target) : null,
        guard,
        guardLabel: guard ? (GUARD_LABELS[guard] ?? null) : otherwise ? OTHERWISE : null,
      };
    });
  });

export const describeEvents = (events: Readonly<Record<string, EventDecl>>): EventDescription[] =>
  Object.entries(events).map(([type, decl]) => ({
    type,
    label: decl.label,
    description: decl.description,
    senders: decl.senders,
    systemOnly: isSystemOnly(decl),
    payload: decl.payload,
    payloadSchema: payloadJsonSchema(decl.payload),
  }));

/** Everything a client needs to know about one procedure version. */
export const describeProcedure = (definition: ProcedureDefinition) => ({
  id: definition.id,
  version: definition.version,
  label: definition.label,
  description: definition.description,
  legalBasis: definition.legalBasis,
  appliesTo: definition.appliesTo,
  states: describeStates(definition.machine),
  events: describeEvents(definition.events),
  transitions: describeTransitions(definition.machine),
  config: { fields: definition.config, schema: payloadJsonSchema(definition.config), defaults: definition.defaults },
});

/** The active state paths of a snapshot, deepest last (e.g. `publicNotice`, `publicNotice.running`). */
export const activeStatePaths = (snapshot: AnyMachineSnapshot): string[] => {
  const meta = snapshot.getMeta() as Record<string, unknown>;
  const rootId = snapshot.machine.root.id;
  return Object.keys(meta)
    .map((id) => id.slice(rootId.length + 1))
    .filter((path) => path.length > 0)
    .sort((a, b) => a.split('.').length - b.split('.').length);
};

/** The label of a snapshot's state: the step, and the sub-step in brackets where there is one. */
export const stateLabelOf = (snapshot: AnyMachineSnapshot): Label => {
  const meta = snapshot.getMeta() as Record<string, StateMeta | undefined>;
  const labels = Object.entries(meta)
    .filter(([id]) => id !== snapshot.machine.root.id)
    .sort(([a], [b]) => a.split('.').length - b.split('.').length)
    .map(([, m]) => m?.label)
    .filter((l): l is Label => l !== undefined);
  const [step, ...sub] = labels;
  if (!step) return { zh: '', en: '' };
  if (sub.length === 0) return step;
  return {
    zh: `${step.zh}（${sub.map((l) => l.zh).join('，')}）`,
    en: `${step.en} (${sub.map((l) => l.en).join(', ')})`,
  };
};

/** How a case ended, read from its final state's meta; `null` while it is open. */
export const outcomeOf = (snapshot: AnyMachineSnapshot): Outcome | null => {
  if (snapshot.status !== 'done') return null;
  const meta = snapshot.getMeta() as Record<string, StateMeta | undefined>;
  return Object.values(meta).find((m) => m?.outcome)?.outcome ?? null;
};
