/** Whether a driver error is a unique or primary-key violation (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY). */
export const isUniqueViolation = (error: unknown): boolean => {
  if (error === null || typeof error !== 'object') return false;
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e.driverError?.code ?? e.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
};

/**
 * Whether a driver error is a unique or primary-key violation on `table`: PostgreSQL names the
 * table in the error (`table`), SQLite in its message (`UNIQUE constraint failed: <table>.<column>`).
 */
export const isUniqueViolationOn = (error: unknown, table: string): boolean => {
  if (!isUniqueViolation(error)) return false;
  const e = error as { table?: unknown; message?: unknown; driverError?: { table?: unknown; message?: unknown } };
  const named = e.driverError?.table ?? e.table;
  if (typeof named === 'string') return named === table;
  const message = e.driverError?.message ?? e.message;
  return typeof message === 'string' && message.includes(` ${table}.`);
};
