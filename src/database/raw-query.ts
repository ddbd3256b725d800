import type { DataSource } from 'typeorm';

/**
 * Runs SQL written with PostgreSQL placeholders ($1, $2, …) on either database: for SQLite the
 * placeholders become `?`, each taking its parameter.
 */
export const rawQuery = async <T = unknown>(dataSource: DataSource, sql: string, params: readonly unknown[] = []): Promise<T[]> => {
  let text = sql;
  let values = [...params];
  if (dataSource.options.type !== 'postgres') {
    // `?` is positional: a placeholder used twice takes its value twice.
    values = [];
    text = sql.replace(/\$(\d+)/g, (_, n: string) => {
      values.push(params[Number(n) - 1]);
      return '?';
    });
  }
  const result: unknown = await dataSource.query(text, values);
  // PostgreSQL answers UPDATE/DELETE with [rows, count]; SELECT and SQLite with rows.
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
};
