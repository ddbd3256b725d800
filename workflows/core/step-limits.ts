import { stateNodesOf } from './describe.js';
import type { Label } from './label.js';
import { DAY_MS, type ProcedureDefinition, type StateMeta } from './procedure.js';

/**
 * Step time limits (办理时限): which states may carry one, which limit is in force at a unit, and
 * when a step entered at a given moment is due. Pure: the service stores the configuration and the
 * deadlines; these rules decide.
 */

/** A limit is whole days, at least 1 and at most a year (a longer one is a typo, not a policy). */
export const MIN_LIMIT_DAYS = 1;
export const MAX_LIMIT_DAYS = 365;

export interface LimitableState {
  /** Dotted state path, e.g. `publicNotice` or `publicNotice.awaitingAnswers`. */
  readonly path: string;
  readonly label: Label;
  /** The statechart's own default (`meta.deadline.defaultDays`), or null. */
  readonly defaultDays: number | null;
}

const cache = new Map<ProcedureDefinition, readonly LimitableState[]>();

/** Every state of a procedure that may carry a limit: all but the final ones, in statechart order. */
export const limitableStatesOf = (definition: ProcedureDefinition): readonly LimitableState[] => {
  let states = cache.get(definition);
  if (!states) {
    states = stateNodesOf(definition.machine)
      .filter((node) => node.type !== 'final')
      .map((node) => {
        const meta = node.meta as StateMeta;
        return { path: node.path.join('.'), label: meta.label, defaultDays: meta.deadline?.defaultDays ?? null };
      });
    cache.set(definition, states);
  }
  return states;
};

export type StateCheck = { readonly ok: true; readonly state: LimitableState } | { readonly ok: false; readonly reason: 'unknown-state' | 'final-state' };

/** Whether `path` names a state of the procedure that can carry a limit. */
export const checkLimitableState = (definition: ProcedureDefinition, path: string): StateCheck => {
  const state = limitableStatesOf(definition).find((s) => s.path === path);
  if (state) return { ok: true, state };
  const exists = stateNodesOf(definition.machine).some((node) => node.path.join('.') === path);
  return { ok: false, reason: exists ? 'final-state' : 'unknown-state' };
};

/** Whether a number of days is an acceptable limit. */
export const isValidLimitDays = (days: unknown): days is number =>
  typeof days === 'number' && Number.isInteger(days) && days >= MIN_LIMIT_DAYS && days <= MAX_LIMIT_DAYS;

export type LimitSource = 'unit' | 'ancestor' | 'procedure' | 'none';

export interface EffectiveLimit {
  readonly days: number | null;
  readonly source: LimitSource;
  /** The unit whose configuration is in force (for `unit` and `ancestor`), else null. */
  readonly unitId: string | null;
}

/**
 * The limit in force at a unit: the nearest configuration on the unit's path (the unit itself,
 * then its parent, … up to the root), else the procedure's default, else none.
 * `path` lists the unit ids from the root down to the unit itself.
 */
export const resolveStepLimit = (args: {
  readonly path: readonly string[];
  readonly configured: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
  readonly defaultDays: number | null;
}): EffectiveLimit => {
  const { configured } = args;
  const lookup = (id: string): number | undefined => (configured instanceof Map ? (configured.get(id) as number | undefined) : (configured as Readonly<Record<string, number>>)[id]);
  for (let i = args.path.length - 1; i >= 0; i -= 1) {
    const unitId = args.path[i] as string;
    const days = lookup(unitId);
    if (days !== undefined) return { days, source: i === args.path.length - 1 ? 'unit' : 'ancestor', unitId };
  }
  return args.defaultDays === null ? { days: null, source: 'none', unitId: null } : { days: args.defaultDays, source: 'procedure', unitId: null };
};

/**
 * When a step entered at `enteredAt` (ISO 8601) with a limit of `days` is due: elapsed days of
 * 24 hours, calendar days rather than working days (docs/deadlines.md says why).
 */
export const dueAtOf = (enteredAt: string, days: number): string => new Date(Date.parse(enteredAt) + days * DAY_MS).toISOString();

export interface DeadlineStanding {
  /** The limit has been reached: `now` is at or past the due time. */
  readonly overdue: boolean;
  /** Whole days past the due time (0 on the day it falls due); 0 when not overdue. */
  readonly daysOverdue: number;
}

/** A running deadline at `now` (both ISO 8601): overdue from the due moment itself. */
export const standingOf = (dueAt: string, now: string): DeadlineStanding => {
  const late = Date.parse(now) - Date.parse(dueAt);
  return late >= 0 ? { overdue: true, daysOverdue: Math.floor(late / DAY_MS) } : { overdue: false, daysOverdue: 0 };
};

/** The state paths active when a case's deepest state is `statePath` (outermost first). */
export const activePathsOf = (statePath: string): string[] => {
  if (statePath === '') return [];
  const parts = statePath.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
};

/**
 * The limitable steps a transition leaves and enters. A step stays "the same" while the case is
 * in it or any of its sub-states; a case that closes leaves every step.
 */
export const stepChanges = (args: {
  readonly limitable: readonly string[];
  readonly before: string | null;
  readonly after: string | null;
}): { readonly left: string[]; readonly entered: string[] } => {
  const was = new Set(args.before === null ? [] : activePathsOf(args.before));
  const now = new Set(args.after === null ? [] : activePathsOf(args.after));
  return {
    left: args.limitable.filter((p) => was.has(p) && !now.has(p)),
    entered: args.limitable.filter((p) => now.has(p) && !was.has(p)),
  };
};
