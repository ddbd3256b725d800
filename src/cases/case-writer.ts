import type { CaseRecord } from './case-record.js';
import type { EventJob, Plan } from './case-engine.js';

/** The idempotency record to complete in the same transaction as the event it answers. */
export interface IdempotencyCompletion {
  readonly actorId: string;
  readonly key: string;
}

export interface ApplyOptions {
  /** The stored timer being fired: it must still exist, or the firing is skipped (exactly once). */
  readonly timerId?: string;
  readonly idempotency?: IdempotencyCompletion;
  /** Builds the response body inside the transaction, so an idempotent replay returns it verbatim. */
  readonly respond: (plan: Plan) => { status: number; body: unknown };
}

export type ApplyResult = { readonly applied: true; readonly plan: Plan; readonly response: { status: number; body: unknown } } | { readonly applied: false };

/**
 * The one writer of cases, audit entries and timers. Each call is one database transaction:
 * the case row only if its version is unchanged, one audit entry with the next gapless global
 * sequence, the timers; nothing at all when the plan is refused. A promise resolves only after
 * the commit is durable.
 */
export abstract class CaseWriter {
  /** Creates a case; `build` receives the global sequence its first audit entry takes. */
  abstract create(build: (globalSeq: number, now: string) => Plan): Promise<Plan>;

  /** Applies one event: reads the case inside the transaction, plans, writes. Throws CaseError. */
  abstract apply(job: EventJob, options: ApplyOptions): Promise<ApplyResult>;

  /** Appends a record entry (meetings, notices) built from the case as stored now. */
  abstract appendRecord(caseId: string, build: (record: CaseRecord, globalSeq: number, now: string) => Plan): Promise<Plan>;
}
