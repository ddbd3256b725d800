import type { AnyStateMachine } from 'xstate';
import type { CommunityType, UnitKind } from '../org/unit-kinds.js';
import type { BodyType } from '../rules/body-types.js';
import type { EventDecls } from './event-declaration.js';
import type { Label } from './label.js';
import type { PayloadDecl } from './payload.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** How a case ended, declared on each final state. */
export type Outcome = 'completed' | 'rejected' | 'withdrawn' | 'stopped';

/** The kinds of public notice a procedure publishes (公示 / 公开). */
export type NoticeKind = 'consultation_outcome' | 'resolution' | 'implementation_result';

/** Metadata every state node carries: labels for people, and what the engine must do there. */
export interface StateMeta {
  readonly label: Label;
  readonly description: Label;
  /** This step is decided by a meeting of one of these bodies (the engine convenes, the law counts). */
  readonly meeting?: { readonly bodies: readonly BodyType[] };
  /** Entering this state publishes a public notice of this kind; its period is a durable timer. */
  readonly notice?: { readonly kind: NoticeKind };
  /** Set on final states. */
  readonly outcome?: Outcome;
  /**
   * A default time limit for this step (办理时限), in days, used where no unit configures one
   * (docs/deadlines.md). Documentation-level like the labels: the machine never reads it; the
   * engine records a deadline when a case enters the step and audits its passing. Not on final states.
   */
  readonly deadline?: { readonly defaultDays: number };
}

/**
 * The setting a unit sits in: a village, or a community of a given type (read from the nearest
 * village or community at or above the unit). It decides which procedures apply by default.
 */
export type Setting = 'village' | CommunityType;

/** What every machine receives when a case starts. */
export interface CaseInput<TConfig> {
  readonly config: TConfig;
  readonly unitKind: UnitKind;
}

/**
 * The input a machine's context factory receives. A case always starts with one; but XState's
 * pure `transition()` also builds a throw-away actor without input on every step and discards
 * the context it computes. Reading through this (rather than `input.config`, which would throw
 * and be swallowed on every step — measurably slow, see docs/performance.md) keeps steps cheap.
 */
export const caseInputOf = <TConfig>(input: CaseInput<TConfig> | undefined): CaseInput<TConfig> =>
  input ?? ({ config: {} as TConfig, unitKind: 'community' } satisfies CaseInput<TConfig>);

/** A versioned procedure: its statechart plus the declarations the API, docs and UI read. */
export interface ProcedureDefinition<TMachine extends AnyStateMachine = AnyStateMachine> {
  readonly id: string;
  readonly version: number;
  readonly label: Label;
  readonly description: Label;
  readonly legalBasis: readonly Label[];
  /** Where the procedure applies by default (the engine may be configured otherwise). */
  readonly appliesTo: { readonly unitKinds: readonly UnitKind[]; readonly settings: readonly Setting[] };
  readonly events: EventDecls;
  /** The per-case configuration fields (all optional, defaults below). */
  readonly config: PayloadDecl;
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly machine: TMachine;
}
