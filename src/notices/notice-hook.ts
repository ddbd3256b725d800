import { randomUUID } from 'node:crypto';
import { definitionOf, type Plan } from '../cases/case-engine.js';
import type { CaseRecord } from '../cases/case-record.js';
import type { ExtraWrite } from '../cases/case-writer.js';
import { buildNoticeBody } from './notice-body.js';
import { NOTICE_COLUMNS } from './notice-row.js';
import { noticeStateAt, noticeStatesOf } from './notice-states.js';

/** The event the engine sends when a notice's period has run (declared once, in workflows/core/common-events). */
export const PERIOD_ENDED = 'notice.periodEnded';
export const OBJECTION_FILED = 'objection.filed';
const UPHOLD = 'objection.uphold';
const DISMISS = 'objection.dismiss';

/**
 * The case writer's transition hook for notices, run inside the transaction of every accepted step:
 * - entering a notice state (the statechart's `meta.notice`) publishes a notice: its period is the
 *   `notice.periodEnded` timer the same step scheduled;
 * - the period ending marks it `ended` (the case may still wait for answers);
 * - leaving the state closes it: `withdrawn` when an objection was upheld (the other pending
 *   objections lapse with it), otherwise `ended`;
 * - `objection.filed` stamps the objection row with its audit sequence; `objection.uphold` /
 *   `objection.dismiss` mark it answered with the reason and who answered.
 * Objections filed without a row (engine tests) are simply not stamped: no write expects a row.
 */
export const noticeTransitionWrites = (plan: Plan, before: CaseRecord | null): ExtraWrite[] => {
  const { record, entry } = plan;
  if (entry.kind !== 'case.event' && entry.kind !== 'case.created') return [];
  const definition = definitionOf(record);
  if (noticeStatesOf(definition).length === 0) return [];
  const was = before ? noticeStateAt(definition, before.state) : undefined;
  const now = noticeStateAt(definition, record.state);
  const at = entry.recordedAt;
  const writes: ExtraWrite[] = [];
  const payload = (entry.payload ?? {}) as { objectionId?: string; reason?: string };

  if (entry.eventType === OBJECTION_FILED && typeof payload.objectionId === 'string') {
    writes.push({ sql: 'UPDATE objections SET filed_seq = $1, filed_at = $2 WHERE id = $3 AND case_id = $4', params: [entry.globalSeq, at, payload.objectionId, record.id] });
  }
  if ((entry.eventType === UPHOLD || entry.eventType === DISMISS) && typeof payload.objectionId === 'string') {
    writes.push({
      sql: "UPDATE objections SET status = $1, answer_reason = $2, answered_by = $3, answered_at = $4, answer_hash = $5 WHERE id = $6 AND case_id = $7 AND status = 'pending'",
      params: [entry.eventType === UPHOLD ? 'upheld' : 'dismissed', payload.reason ?? '', entry.actor.personId, at, entry.hash, payload.objectionId, record.id],
    });
  }
  if (was && entry.eventType === PERIOD_ENDED) {
    writes.push({
      sql: "UPDATE notices SET status = 'ended', period_ended_at = $1 WHERE case_id = $2 AND closed_at IS NULL AND status = 'running'",
      params: [at, record.id],
    });
  }
  if (was && was.path !== now?.path) {
    const withdrawn = entry.eventType === UPHOLD;
    writes.push(
      withdrawn
        ? { sql: "UPDATE notices SET status = 'withdrawn', closed_at = $1, closed_hash = $2 WHERE case_id = $3 AND closed_at IS NULL", params: [at, entry.hash, record.id] }
        : {
            sql: "UPDATE notices SET status = 'ended', period_ended_at = COALESCE(period_ended_at, $1), closed_at = $1, closed_hash = $2 WHERE case_id = $3 AND closed_at IS NULL",
            params: [at, entry.hash, record.id],
          },
      // the notice is gone: objections still pending with it lapse (the statechart drops them too)
      { sql: "UPDATE objections SET status = 'lapsed', answered_at = $1 WHERE case_id = $2 AND status = 'pending'", params: [at, record.id] },
    );
  }
  if (now && was?.path !== now.path) {
    const timer = plan.scheduleTimers.find((t) => t.event.type === PERIOD_ENDED);
    // every notice state schedules its period on entry (workflows/core/notice-state.ts): a machine
    // that does not is a deployment error, and publishing a notice without an end would be worse
    if (!timer) throw new Error(`notice state ${now.path} of ${definition.id} v${definition.version} scheduled no ${PERIOD_ENDED} timer`);
    const body = buildNoticeBody({ definition, record, entry, state: now });
    const values = [
      randomUUID(),
      record.id,
      record.unitId,
      record.unitPath,
      now.kind,
      now.path,
      record.title,
      JSON.stringify(body),
      timer.key,
      'running',
      at,
      timer.dueAt,
      timer.dueAt,
      0,
      0,
      entry.globalSeq,
      entry.hash,
      null,
      null,
      null,
    ];
    writes.push({ sql: `INSERT INTO notices (${NOTICE_COLUMNS}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`, params: values });
  }
  return writes;
};
