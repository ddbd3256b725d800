import type { NoticeKind } from '../../workflows/core/procedure.js';
import type { NoticeBody } from './notice-body.js';

export const NOTICE_COLUMNS =
  'id, case_id, unit_id, unit_path, kind, state_path, title, body, timer_key, status, starts_at, original_ends_at, ends_at, extended_days, objection_count, published_seq, published_hash, period_ended_at, closed_at, closed_hash';

/** As stored: `running` while the period runs, `ended` once it has run, `withdrawn` after an upheld objection. */
export type StoredNoticeStatus = 'running' | 'ended' | 'withdrawn';

export interface NoticeRow {
  id: string;
  case_id: string;
  unit_id: string;
  unit_path: string;
  kind: string;
  state_path: string;
  title: string;
  body: string;
  timer_key: string;
  status: string;
  starts_at: string;
  original_ends_at: string;
  ends_at: string;
  extended_days: number | string;
  objection_count: number | string;
  published_seq: number | string;
  published_hash: string;
  period_ended_at: string | null;
  closed_at: string | null;
  closed_hash: string | null;
}

export interface NoticeRecord {
  readonly id: string;
  readonly caseId: string;
  readonly unitId: string;
  readonly unitPath: string;
  readonly kind: NoticeKind;
  readonly statePath: string;
  readonly title: string;
  readonly body: NoticeBody;
  readonly timerKey: string;
  readonly status: StoredNoticeStatus;
  readonly startsAt: string;
  readonly originalEndsAt: string;
  readonly endsAt: string;
  readonly extendedDays: number;
  readonly objectionCount: number;
  readonly publishedSeq: number;
  readonly publishedHash: string;
  readonly periodEndedAt: string | null;
  readonly closedAt: string | null;
  readonly closedHash: string | null;
}

export const fromNoticeRow = (row: NoticeRow): NoticeRecord => ({
  id: row.id,
  caseId: row.case_id,
  unitId: row.unit_id,
  unitPath: row.unit_path,
  kind: row.kind as NoticeKind,
  statePath: row.state_path,
  title: row.title,
  body: JSON.parse(row.body) as NoticeBody,
  timerKey: row.timer_key,
  status: row.status as StoredNoticeStatus,
  startsAt: row.starts_at,
  originalEndsAt: row.original_ends_at,
  endsAt: row.ends_at,
  extendedDays: Number(row.extended_days),
  objectionCount: Number(row.objection_count),
  publishedSeq: Number(row.published_seq),
  publishedHash: row.published_hash,
  periodEndedAt: row.period_ended_at,
  closedAt: row.closed_at,
  closedHash: row.closed_hash,
});

/**
 * What the public sees: `running` only while the period has not reached its end by the clock (the
 * timer may fire a moment later), so a board never invites objections that would be refused.
 */
export type PublicNoticeStatus = 'running' | 'ended' | 'withdrawn';

export const publicStatusOf = (notice: Pick<NoticeRecord, 'status' | 'endsAt'>, nowIso: string): PublicNoticeStatus =>
  notice.status === 'running' && nowIso >= notice.endsAt ? 'ended' : notice.status;

export const OBJECTION_COLUMNS = 'id, notice_id, case_id, name, contact, text, text_hash, status, filed_at, filed_seq, answer_reason, answered_by, answered_at, answer_hash';

export type ObjectionStatus = 'pending' | 'upheld' | 'dismissed' | 'lapsed';

export interface ObjectionRow {
  id: string;
  notice_id: string;
  case_id: string;
  name: string;
  contact: string;
  text: string;
  text_hash: string;
  status: string;
  filed_at: string;
  filed_seq: number | string;
  answer_reason: string | null;
  answered_by: string | null;
  answered_at: string | null;
  answer_hash: string | null;
}
