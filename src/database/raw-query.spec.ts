import { DataSource, QueryFailedError } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawQuery } from './raw-query.js';
import { isUniqueViolation } from './unique-violation.js';

describe('rawQuery on SQLite', () => {
  let dataSource: DataSource;

  beforeEach(async () => {
    dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE t (id TEXT PRIMARY KEY, flag INTEGER NOT NULL, n INTEGER)');
    await dataSource.query("INSERT INTO t VALUES ('a', 1, 10), ('b', 0, NULL), ('c', 1, 30)");
  });

  afterEach(async () => {
    await dataSource.destroy();
  });

  it('answers a read with the rows TypeORM answers, placeholders reused, booleans bound as 0/1', async () => {
    const sql = 'SELECT id, n FROM t WHERE flag = $1 AND (id = $2 OR $2 IS NULL OR id > $2) ORDER BY id';
    for (const params of [[true, 'a'], [false, null], [true, null]] as const) {
      const viaTypeorm: unknown = await dataSource.query(sql.replace('$1', '?').replace(/\$2/g, '?'), [params[0] ? 1 : 0, params[1], params[1], params[1]]);
      expect(await rawQuery(dataSource, sql, params)).toEqual(viaTypeorm);
    }
    // again, from the prepared statement
    expect(await rawQuery(dataSource, 'WITH x AS (SELECT id FROM t WHERE flag = $1) SELECT id FROM x ORDER BY id', [true])).toEqual([{ id: 'a' }, { id: 'c' }]);
    expect(await rawQuery(dataSource, 'WITH x AS (SELECT id FROM t WHERE flag = $1) SELECT id FROM x ORDER BY id', [true])).toEqual([{ id: 'a' }, { id: 'c' }]);
  });

  it('wraps a failing read as QueryFailedError, as TypeORM does', async () => {
    await expect(rawQuery(dataSource, 'SELECT nope FROM t')).rejects.toBeInstanceOf(QueryFailedError);
    await expect(rawQuery(dataSource, 'SELECT id FROM missing_table')).rejects.toBeInstanceOf(QueryFailedError);
  });

  it('leaves writes to TypeORM: a unique violation is still recognised', async () => {
    const error: unknown = await rawQuery(dataSource, 'INSERT INTO t (id, flag) VALUES ($1, $2)', ['a', 1]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryFailedError);
    expect(isUniqueViolation(error)).toBe(true);
    await rawQuery(dataSource, 'UPDATE t SET n = $1 WHERE id = $2', [5, 'b']);
    expect(await rawQuery(dataSource, 'SELECT n FROM t WHERE id = $1', ['b'])).toEqual([{ n: 5 }]);
  });

  it('sees what a TypeORM transaction on the same connection has written, as before', async () => {
    await dataSource.transaction(async (em) => {
      await em.query("INSERT INTO t VALUES ('d', 1, 40)");
      expect(await rawQuery(dataSource, 'SELECT id FROM t WHERE id = $1', ['d'])).toEqual([{ id: 'd' }]);
    });
  });

  it('works again on a new connection after the old one closed', async () => {
    expect(await rawQuery(dataSource, 'SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 3 }]);
    await dataSource.destroy();
    dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE t (id TEXT PRIMARY KEY, flag INTEGER NOT NULL, n INTEGER)');
    expect(await rawQuery(dataSource, 'SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 0 }]);
  });
});
