import type { EntityManager } from 'typeorm';

/**
 * `rawQuery` inside a transaction: SQL written with PostgreSQL placeholders ($1, $2, …) on the
 * transaction's EntityManager; for SQLite the placeholders become `?`, each taking its parameter
 * (a placeholder used twice takes its value twice).
 */
export const emQuery = async <T = unknown>(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<T[]> => {
  if (em.connection.options.type === 'postgres') return em.query<T[]>(sql, [...params]);
  const values: unknown[] = [];
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    values.push(params[Number(n) - 1]);
    return '?';
  });
  return em.query<T[]>(text, values);
};
