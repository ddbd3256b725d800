import type Database from 'better-sqlite3';
import { QueryFailedError, type DataSource } from 'typeorm';
import { bindInOrder, toSqlitePlaceholders } from './placeholders.js';

/** Prepared reads per better-sqlite3 connection (a closed connection's go with it). */
const preparedReads = new WeakMap<Database.Database, Map<string, Database.Statement | null>>();
const PREPARED_KEPT = 200;

/**
 * A SQLite read run on TypeORM's own better-sqlite3 connection directly: the same statement
 * TypeORM would run (`stmt.all` with booleans bound as 0/1, errors wrapped as `QueryFailedError`),
 * without its query runner's promises, broadcaster and logger (`logging` is off; there are no
 * subscribers). Only statements that return rows (`SELECT`, `WITH`) take this path; anything else
 * — writes, whose errors callers inspect — goes through TypeORM. Undefined when not such a read.
 */
const sqliteRead = (dataSource: DataSource, text: string, values: readonly unknown[]): unknown[] | undefined => {
  const db = (dataSource.driver as unknown as { databaseConnection?: Database.Database }).databaseConnection;
  if (db === undefined || !db.open) return undefined;
  let statements = preparedReads.get(db);
  if (statements === undefined) {
    statements = new Map();
    preparedReads.set(db, statements);
  }
  let statement = statements.get(text);
  if (statement === undefined) {
    statement = null;
    if (/^\s*(SELECT|WITH)\b/i.test(text)) {
      try {
        const prepared = db.prepare(text);
        if (prepared.reader) statement = prepared;
      } catch (error) {
        throw new QueryFailedError(text, [...values], error as Error);
      }
    }
    statements.set(text, statement);
    if (statements.size > PREPARED_KEPT) statements.delete(statements.keys().next().value as string);
  }
  if (statement === null) return undefined;
  const bound = values.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
  try {
    return statement.all(...bound);
  } catch (error) {
    throw new QueryFailedError(text, bound, error as Error);
  }
};

/**
 * Runs SQL written with PostgreSQL placeholders ($1, $2, …) on either database: for SQLite the
 * placeholders become `?`, each taking its parameter.
 */
export const rawQuery = async <T = unknown>(dataSource: DataSource, sql: string, params: readonly unknown[] = []): Promise<T[]> => {
  let text = sql;
  let values = [...params];
  if (dataSource.options.type !== 'postgres') {
    const sqlite = toSqlitePlaceholders(sql);
    text = sqlite.text;
    values = bindInOrder(sqlite.order, params);
    if (dataSource.options.type === 'better-sqlite3') {
      const rows = sqliteRead(dataSource, text, values);
      if (rows !== undefined) return rows as T[];
    }
  }
  const result: unknown = await dataSource.query(text, values);
  // PostgreSQL answers UPDATE/DELETE with [rows, count]; SELECT and SQLite with rows.
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
};
