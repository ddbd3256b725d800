import type { OpenDeadline } from '../cases/case.mapper.js';

/** A `case_deadlines` row as the database returns it (integers may come back as text on PostgreSQL). */
export interface DeadlineRow {
  id: string;
  case_id: string;
  state_path: string;
  limit_days: number | string;
  limit_unit_id: string | null;
  entered_at: string;
  due_at: string;
  reached_at: string | null;
}

export const DEADLINE_COLUMNS = 'id, case_id, state_path, limit_days, limit_unit_id, entered_at, due_at, reached_at';

export const fromDeadlineRow = (row: DeadlineRow): OpenDeadline => ({
  caseId: row.case_id,
  state: row.state_path,
  limitDays: Number(row.limit_days),
  limitUnitId: row.limit_unit_id,
  enteredAt: row.entered_at,
  dueAt: row.due_at,
  reachedAt: row.reached_at,
});
