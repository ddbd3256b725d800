import type { EntityManager } from 'typeorm';
import { bindInOrder, toSqlitePlaceholders } from './placeholders.js';

/**
 * `rawQuery` inside a transaction: SQL written with PostgreSQL placeholders ($1, $2, …) on the
 * transaction's EntityManager; for SQLite the placeholders become `?` (`toSqlitePlaceholders`).
 */
export const emQuery = async <T = unknown>(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<T[]> => {
  if (em.connection.options.type === 'postgres') return em.query<T[]>(sql, [...params]);
  const { text, order } = toSqlitePlaceholders(sql);
  return em.query<T[]>(text, bindInOrder(order, params));
};
