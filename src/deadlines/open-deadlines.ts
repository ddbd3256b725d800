import type { DataSource } from 'typeorm';
import type { OpenDeadline } from '../cases/case.mapper.js';
import { rawQuery } from '../database/raw-query.js';
import { DEADLINE_COLUMNS, fromDeadlineRow, type DeadlineRow } from './deadline-row.js';

/**
 * The running deadlines of some cases: one indexed query (`case_deadlines.case_id`), in
 * PostgreSQL placeholders. Used for the `overdue`/`deadline` fields of every case the cases routes
 * answer with, and by the writer inside an event's own transaction (`ApplyOptions.readAfter`).
 */
export const openDeadlinesQuery = (caseIds: readonly string[]): { sql: string; params: readonly unknown[] } => ({
  sql: `SELECT ${DEADLINE_COLUMNS} FROM case_deadlines WHERE case_id IN (${caseIds.map((_, i) => `$${i + 1}`).join(', ')}) AND closed_at IS NULL`,
  params: caseIds,
});

export const openDeadlinesOf = async (dataSource: DataSource, caseIds: readonly string[]): Promise<OpenDeadline[]> => {
  if (caseIds.length === 0) return [];
  const { sql, params } = openDeadlinesQuery(caseIds);
  return (await rawQuery<DeadlineRow>(dataSource, sql, params)).map(fromDeadlineRow);
};
