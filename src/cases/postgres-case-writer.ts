import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AUDIT_COLUMNS, toAuditRow } from '../audit/audit-row.js';
import type { Clock } from '../timers/clock.js';
import { CaseError, CaseErrorCode } from './case-error.js';
import { planEvent, type EventJob, type Plan } from './case-engine.js';
import { CASE_COLUMNS, fromCaseRow, toCaseRow, type CaseRecord, type CaseRow } from './case-record.js';
import { CaseWriter, type ApplyOptions, type ApplyResult, type ExtraWrite } from './case-writer.js';

const numbered = (columns: string, from = 1) =>
  columns
    .split(',')
    .map((_, i) => `$${i + from}`)
    .join(', ');

/**
 * PostgreSQL: each write is one transaction that locks the case row (`FOR UPDATE`), takes the
 * next global sequence from the one-row counter (its row lock makes the sequence gapless across
 * instances: a rolled-back transaction gives its number back), and updates the case only if its
 * version is unchanged.
 */
export class PostgresCaseWriter extends CaseWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    super();
  }

  private async nextSeq(em: EntityManager): Promise<number> {
    const rows = await em.query<[
      { seq: number | string }[],
      number,
    ]>('UPDATE audit_sequence SET last_global_seq = last_global_seq + 1 WHERE id = 1 RETURNING last_global_seq AS seq');
    const [first] = rows[0];
    return Number(first?.seq);
  }

  private async load(em: EntityManager, caseId: string): Promise<CaseRecord> {
    const rows = await em.query<CaseRow[]>(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 FOR UPDATE`, [caseId]);
    const row = rows[0];
    if (!row) throw new CaseError(CaseErrorCode.CaseNotFound);
    return fromCaseRow(row);
  }

  private async write(em: EntityManager, plan: Plan, previousVersion: number | null): Promise<void> {
    const row = toCaseRow(plan.record);
    if (previousVersion === null) {
      await em.query(
        `INSERT INTO cases (${CASE_COLUMNS}) VALUES (${numbered(CASE_COLUMNS)})`,
        CASE_COLUMNS.split(', ').map((c) => row[c as keyof CaseRow]),
      );
    } else {
      const result = await em.query<[unknown[], number]>(
        'UPDATE cases SET status = $1, outcome = $2, state = $3, snapshot = $4, version = $5, last_seq = $6, head_hash = $7, updated_at = $8 WHERE id = $9 AND version = $10',
        [row.status, row.outcome, row.state, row.snapshot, row.version, row.last_seq, row.head_hash, row.updated_at, row.id, previousVersion],
      );
      if (result[1] !== 1) throw new CaseError(CaseErrorCode.ConcurrentWrite);
    }
    const entry = toAuditRow(plan.entry);
    await em.query(
      `INSERT INTO audit_entries (${AUDIT_COLUMNS}) VALUES (${numbered(AUDIT_COLUMNS)})`,
      AUDIT_COLUMNS.split(', ').map((c) => entry[c as keyof typeof entry]),
    );
    for (const key of [...plan.cancelTimers, ...plan.scheduleTimers.map((t) => t.key)]) {
      await em.query('DELETE FROM timers WHERE case_id = $1 AND timer_key = $2', [plan.record.id, key]);
    }
    for (const timer of plan.scheduleTimers) {
      await em.query('INSERT INTO timers (id, case_id, timer_key, event, due_at, created_at, claimed_until) VALUES ($1, $2, $3, $4, $5, $6, NULL)', [
        randomUUID(),
        plan.record.id,
        timer.key,
        JSON.stringify(timer.event),
        timer.dueAt,
        plan.entry.recordedAt,
      ]);
    }
  }

  private async writeExtra(em: EntityManager, extra: readonly ExtraWrite[]): Promise<void> {
    for (const write of extra) {
      const result: unknown = await em.query(write.sql, [...write.params]);
      // UPDATE/DELETE answer [rows, count]; INSERT answers the rows (empty without RETURNING).
      const changes = Array.isArray(result) && result.length === 2 && typeof result[1] === 'number' ? result[1] : Array.isArray(result) ? result.length : 0;
      if (write.expectChanges !== undefined && changes !== write.expectChanges) throw write.error ?? new CaseError(CaseErrorCode.ConcurrentWrite);
    }
  }

  create(build: (globalSeq: number, now: string) => Plan): Promise<Plan> {
    return this.dataSource.transaction(async (em) => {
      const plan = build(await this.nextSeq(em), this.clock.nowIso());
      await this.write(em, plan, null);
      await this.writeExtra(em, this.hookWrites(plan, null));
      return plan;
    });
  }

  apply(job: EventJob, options: ApplyOptions): Promise<ApplyResult> {
    return this.dataSource.transaction(async (em): Promise<ApplyResult> => {
      if (options.timerId !== undefined) {
        const found = await em.query<unknown[]>('SELECT 1 AS found FROM timers WHERE id = $1 FOR UPDATE', [options.timerId]);
        if (found.length === 0) return { applied: false };
      }
      const record = await this.load(em, job.caseId);
      const plan = planEvent({ record, job, now: this.clock.nowIso(), globalSeq: await this.nextSeq(em) });
      if (plan instanceof CaseError) throw plan;
      await this.write(em, plan, record.version);
      await this.writeExtra(em, [...(options.extra ?? []), ...this.hookWrites(plan, record)]);
      const response = options.respond(plan);
      if (options.idempotency) {
        await em.query("UPDATE idempotency_keys SET state = 'done', status_code = $1, response = $2 WHERE actor_id = $3 AND idempotency_key = $4", [
          response.status,
          JSON.stringify(response.body),
          options.idempotency.actorId,
          options.idempotency.key,
        ]);
      }
      if (options.readAfter === undefined) return { applied: true, plan, response };
      return { applied: true, plan, response, rows: await em.query<unknown[]>(options.readAfter.sql, [...options.readAfter.params]) };
    });
  }

  appendRecord(
    caseId: string,
    build: (record: CaseRecord, globalSeq: number, now: string) => Plan,
    extra?: (plan: Plan) => readonly ExtraWrite[],
  ): Promise<Plan> {
    return this.dataSource.transaction(async (em) => {
      const record = await this.load(em, caseId);
      const plan = build(record, await this.nextSeq(em), this.clock.nowIso());
      await this.write(em, plan, record.version);
      await this.writeExtra(em, extra?.(plan) ?? []);
      return plan;
    });
  }
}
