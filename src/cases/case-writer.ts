import type { CaseRecord } from './case-record.js';
import type { EventJob, Plan } from './case-engine.js';

/**
 * Rows another module writes in the same transaction as an audit entry (a meeting's ballot with
 * the entry that records it). SQL uses PostgreSQL placeholders ($1…); `expectChanges` makes the
 * whole write fail with `error` when the statement changed another number of rows (a conditional
 * insert or update that found its precondition false).
 */
export interface ExtraWrite {
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly expectChanges?: number;
  readonly error?: Error;
}

/** The idempotency record to complete in the same transaction as the event it answers. */
export interface IdempotencyCompletion {
  readonly actorId: string;
  readonly key: string;
}

export interface ApplyOptions {
  /** The stored timer being fired: it must still exist, or the firing is skipped (exactly once). */
  readonly timerId?: string;
  readonly idempotency?: IdempotencyCompletion;
  /** Written in the same transaction, after the case row and the audit entry. */
  readonly extra?: readonly ExtraWrite[];
  /** Builds the response body inside the transaction, so an idempotent replay returns it verbatim. */
  readonly respond: (plan: Plan) => { status: number; body: unknown };
  /**
   * A read (PostgreSQL placeholders) run in the same transaction after every write of the event,
   * its rows returned as `ApplyResult.rows`: what the answer shows of other modules' rows (the
   * case's open deadlines), as of this commit, without another query after it.
   */
  readonly readAfter?: { readonly sql: string; readonly params: readonly unknown[] };
}

export type ApplyResult =
  | { readonly applied: true; readonly plan: Plan; readonly response: { status: number; body: unknown }; readonly rows?: readonly unknown[] }
  | { readonly applied: false };

/**
 * The one writer of cases, audit entries and timers. Each call is one database transaction:
 * the case row only if its version is unchanged, one audit entry with the next gapless global
 * sequence, the timers; nothing at all when the plan is refused. A promise resolves only after
 * the commit is durable.
 */
/**
 * Runs inside the writer's transaction for every accepted step (a case opened, an event applied,
 * a timer fired): another module's rows that must exist exactly when the step does — a notice
 * when a case enters a notice state, an objection marked answered. Pure and synchronous: it may
 * only compute rows from the plan; it may throw to refuse the step.
 */
export type TransitionHook = (plan: Plan, before: CaseRecord | null) => readonly ExtraWrite[];

export abstract class CaseWriter {
  private readonly hooks: TransitionHook[] = [];

  /** Registers a hook (modules do it once, at start). */
  addTransitionHook(hook: TransitionHook): void {
    this.hooks.push(hook);
  }

  protected hookWrites(plan: Plan, before: CaseRecord | null): ExtraWrite[] {
    return this.hooks.flatMap((hook) => hook(plan, before));
  }

  /**
   * Resolves once every write committed so far is on disk. Every GET and HEAD answer waits for it
   * after reading (app.factory.ts, the onSend hook), so no reader sees a commit whose fsync is
   * still running (SQLite; on PostgreSQL a commit is visible only once flushed).
   */
  durable(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * Set once an fsync has failed (SQLite): from then on nothing written can be called durable, so
   * every write and every read is refused until a restart (`/health` answers 503 meanwhile).
   */
  get failure(): Error | undefined {
    return undefined;
  }

  /** Creates a case; `build` receives the global sequence its first audit entry takes. */
  abstract create(build: (globalSeq: number, now: string) => Plan): Promise<Plan>;

  /** Applies one event: reads the case inside the transaction, plans, writes. Throws CaseError. */
  abstract apply(job: EventJob, options: ApplyOptions): Promise<ApplyResult>;

  /**
   * Appends a record entry (meetings, notices) built from the case as stored now, with the rows
   * `extra` returns for that entry (it may refuse by throwing: nothing is written then).
   */
  abstract appendRecord(
    caseId: string,
    build: (record: CaseRecord, globalSeq: number, now: string) => Plan,
    extra?: (plan: Plan) => readonly ExtraWrite[],
  ): Promise<Plan>;
}
