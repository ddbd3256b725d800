import { rmSync } from 'node:fs';
import pg from 'pg';

/** Refuses to run anywhere but inside a vitest run: this helper destroys data. */
export const assertInsideTests = (): void => {
  if (process.env.VITEST === undefined || process.env.NODE_ENV !== 'test') {
    throw new Error('reset-database: refusing to run outside the test suite (VITEST and NODE_ENV=test must be set)');
  }
};

/** Empties a PostgreSQL test database: drops and recreates the public schema. */
export const resetPostgres = async (url: string): Promise<void> => {
  assertInsideTests();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA IF EXISTS public CASCADE');
    await client.query('CREATE SCHEMA public');
  } finally {
    await client.end();
  }
};

/** Removes a SQLite test database and its WAL files. */
export const removeSqlite = (path: string): void => {
  assertInsideTests();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
};
