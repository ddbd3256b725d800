import { randomUUID } from 'node:crypto';
import { limitableStatesOf, stepChanges } from '../../workflows/core/step-limits.js';
import { definitionOf, type Plan } from '../cases/case-engine.js';
import type { CaseRecord } from '../cases/case-record.js';
import type { ExtraWrite, TransitionHook } from '../cases/case-writer.js';

export type Dialect = 'sqlite' | 'postgres';

/**
 * `entered_at` plus `days` whole days of 24 hours, as the same ISO 8601 text `dueAtOf`
 * (workflows/core/step-limits.ts) computes: the limit is only known inside the transaction.
 */
const dueSql = (dialect: Dialect, enteredAt: string, days: string): string =>
  dialect === 'postgres'
    ? `to_char((CAST(${enteredAt} AS timestamptz) + ${days} * interval '24 hours') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : `strftime('%Y-%m-%dT%H:%M:%fZ', ${enteredAt}, '+' || ${days} || ' days')`;

/**
 * Records the deadline of a step the case enters, resolving the limit in force inside the step's
 * transaction: the configuration nearest the case's unit (its own, then each unit above), else
 * the procedure's default; no row when neither exists. The same rule as `resolveStepLimit`.
 */
const enterStep = (dialect: Dialect, record: CaseRecord, plan: Plan, state: string, defaultDays: number | null): ExtraWrite => ({
  sql: `INSERT INTO case_deadlines (id, case_id, unit_path, procedure_id, state_path, limit_days, limit_unit_id, entered_at, entered_seq, due_at, status)
    SELECT $1, $2, $3, $4, $5, l.days, l.unit_id, $6, $7, ${dueSql(dialect, '$8', 'l.days')}, 'running'
    FROM (
      SELECT s.days AS days, s.unit_id AS unit_id, LENGTH(s.unit_path) AS depth FROM step_limits s
        WHERE s.procedure_id = $9 AND s.state_path = $10 AND $11 LIKE s.unit_path || '%'
      UNION ALL
      SELECT CAST($12 AS INTEGER), NULL, 0 WHERE CAST($12 AS INTEGER) IS NOT NULL
      ORDER BY depth DESC LIMIT 1
    ) l`,
  params: [
    randomUUID(),
    record.id,
    record.unitPath,
    record.procedureId,
    state,
    plan.entry.recordedAt,
    plan.entry.globalSeq,
    plan.entry.recordedAt,
    record.procedureId,
    state,
    record.unitPath,
    defaultDays,
  ],
});

/**
 * The case writer's transition hook for step deadlines, run inside the transaction of every
 * accepted step: entering a step records its deadline (due = entry time + the limit in force then),
 * leaving it closes the deadline — `met`, or `met_late` when the step is left at or after its due
 * time. Record entries (meetings, notices, `deadline.reached` itself) never move a case: no hook.
 */
export const deadlineTransitionHook =
  (dialect: Dialect): TransitionHook =>
  (plan: Plan, before: CaseRecord | null): ExtraWrite[] => {
    const { record, entry } = plan;
    if (entry.kind !== 'case.event' && entry.kind !== 'case.created') return [];
    // the same state path, still open: no step entered or left (what stepChanges would find), cheaply
    if (before !== null && before.state === record.state && record.status !== 'closed') return [];
    const limitable = limitableStatesOf(definitionOf(record));
    const { left, entered } = stepChanges({
      limitable: limitable.map((s) => s.path),
      before: before ? before.state : null,
      after: record.status === 'closed' ? null : record.state,
    });
    const writes: ExtraWrite[] = [];
    if (left.length > 0) {
      const at = entry.recordedAt;
      writes.push({
        sql: `UPDATE case_deadlines SET status = CASE WHEN due_at <= $1 THEN 'met_late' ELSE 'met' END, closed_at = $1, closed_seq = $2, claimed_until = NULL
          WHERE case_id = $3 AND closed_at IS NULL AND state_path IN (${left.map((_, i) => `$${i + 4}`).join(', ')})`,
        params: [at, entry.globalSeq, record.id, ...left],
      });
    }
    for (const path of entered) {
      const state = limitable.find((s) => s.path === path);
      writes.push(enterStep(dialect, record, plan, path, state?.defaultDays ?? null));
    }
    return writes;
  };
