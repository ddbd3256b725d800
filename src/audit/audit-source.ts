import Database from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import { CASE_COLUMNS, type CaseRow } from '../cases/case-record.js';
import type { AuditEntry, AuditEntryKind } from './audit-entry.js';
import { AUDIT_COLUMNS } from './audit-row.js';

// No NestJS and no TypeORM at load time here: the verification worker thread and the CLI load this
// file (and start in a fraction of the time).

/** Rows of `audit_entries` as arrays of column values, in AUDIT_COLUMNS order. */
export type RawAuditRow = readonly unknown[];

/** JSON text as `fromAuditRow` reads it: a text that no longer parses stays the raw text. */
const parseJson = (text: unknown): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text as string) as unknown;
  } catch {
    return text;
  }
};

/**
 * State values (`state_before`, `state_after`) are few distinct texts ("research",
 * {"publicNotice":"running"}, …): each is parsed once and the value shared by the entries that
 * hold it (entries are read, never changed). At most STATE_TEXTS of them are kept.
 */
const STATE_TEXTS = 10_000;
const stateValues = new Map<unknown, unknown>();
/** Shared values are frozen, all the way down: no reader of one entry can change another's. */
const deepFreeze = (value: unknown): unknown => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
};
const parseState = (text: unknown): unknown => {
  if (text === null) return null;
  let value = stateValues.get(text);
  if (value === undefined && !stateValues.has(text)) {
    value = parseJson(text);
    if (typeof text === 'string' && text.length <= 200 && stateValues.size < STATE_TEXTS) stateValues.set(text, deepFreeze(value));
  }
  return value;
};

/** An entry from a raw row (AUDIT_COLUMNS order), exactly as `fromAuditRow` reads it (tampering included), without the row object in between. */
export const fromRawAuditRow = (v: RawAuditRow): AuditEntry => ({
  globalSeq: Number(v[0]),
  caseId: v[1] as string,
  caseSeq: Number(v[2]),
  recordedAt: v[3] as string,
  // members in canonical (RFC 8785) order: the entry hash then writes the actor as it is, no copy
  actor: {
    as: v[8] as AuditEntry['actor']['as'],
    kind: v[4] === 'system' ? 'system' : 'person',
    personId: v[5] as string | null,
    role: v[6] as string | null,
    unitId: v[7] as string | null,
  },
  kind: v[9] as AuditEntryKind,
  eventType: v[10] as string,
  payload: parseJson(v[11]),
  stateBefore: parseState(v[12]),
  stateAfter: parseState(v[13]),
  procedureId: v[14] as string,
  procedureVersion: Number(v[15]),
  prevHash: v[16] as string,
  hash: v[17] as string,
});

/** The part of the entries a verifier reads: cases whose id starts with one of `firstChars`, or all other cases. */
export interface EntryPartition {
  readonly firstChars: readonly string[];
  readonly inside: boolean;
}

const partitionSql = (partition: EntryPartition | null): string => {
  if (partition === null) return '';
  // every row is in exactly one of the two sides, whatever its case id (NULL and '' included)
  const set = partition.firstChars.map((c) => `'${c.replace(/'/g, "''")}'`).join(', ');
  return ` AND ${partition.inside ? '' : 'NOT '}(COALESCE(SUBSTR(case_id, 1, 1), '') IN (${set}))`;
};

/**
 * One consistent, read-only view of the audit tables for a verifier reading a whole database:
 * the small tables at once, the entries in global-sequence batches (keyset pagination on the
 * primary key, so each batch is an index seek). Entries are read up to `bound`, the largest global
 * sequence present when the view was opened: entries are append-only, so a server that goes on
 * writing does not change what is read, and the case rows read at the same moment match them.
 *
 * SQLite: a separate read-only connection to the file inside one read transaction (WAL: the
 * server's writer is not disturbed), rows as arrays. PostgreSQL: one REPEATABLE READ transaction.
 * An in-memory SQLite database is read through the application's own connection.
 */
export interface AuditSource {
  readonly bound: number;
  readonly lastGlobalSeq: number;
  /** Every case row, oldest first (created_at, id). */
  readonly cases: readonly CaseRow[];
  readonly checkpoints: readonly { readonly tree_size: number; readonly note: string }[];
  /** (global_seq, hash) of every entry up to `bound`, in global order, in batches. */
  hashes(): AsyncIterable<readonly (readonly [number, string])[]>;
  /** One case's entries up to `bound`, in case-sequence order, as stored. */
  caseEntries(caseId: string): Promise<readonly RawAuditRow[]>;
  /** Every entry up to `upTo` (default `bound`) in global order, optionally of one partition of the cases, in batches. */
  entries(partition: EntryPartition | null, upTo?: number): AsyncIterable<readonly RawAuditRow[]>;
  close(): Promise<void>;
}

export const AUDIT_BATCH = 4000;

/** A SQLite database path that names a plain file (not in memory, not a `file:` URI), or null. */
export const plainSqliteFile = (path: string): string | null => (path === '' || path === ':memory:' || path.startsWith('file:') ? null : path);

/** The SQLite file behind a data source, when it is one (not in memory). */
export const sqliteFileOf = (dataSource: DataSource): string | null =>
  dataSource.options.type === 'better-sqlite3' ? plainSqliteFile(String(dataSource.options.database)) : null;

type Query = (sql: string, params: readonly unknown[]) => Promise<unknown[][]>;

const openWith = async (query: Query, close: () => Promise<void>, postgres: boolean): Promise<AuditSource> => {
  const p = (n: number) => (postgres ? `$${n}` : '?');
  const [[boundValue] = []] = await query('SELECT MAX(global_seq) FROM audit_entries', []);
  const [[last] = []] = await query('SELECT last_global_seq FROM audit_sequence WHERE id = 1', []);
  const caseRows = await query(`SELECT ${CASE_COLUMNS} FROM cases ORDER BY created_at, id`, []);
  const caseColumns = CASE_COLUMNS.split(', ');
  const cases = caseRows.map((values) => Object.fromEntries(caseColumns.map((c, i) => [c, values[i]])) as unknown as CaseRow);
  const checkpoints = (await query('SELECT tree_size, note FROM audit_checkpoints ORDER BY tree_size', [])).map(([size, note]) => ({ tree_size: Number(size), note: String(note) }));
  const bound = Number(boundValue ?? 0);
  async function* pages<T>(columns: string, extra: string, map: ((values: unknown[]) => T) | null, upTo = bound): AsyncIterable<T[]> {
    let after: number | null = null; // no lower bound at first: even a (tampered) zero or negative sequence is read
    for (;;) {
      const rows: unknown[][] =
        after === null
          ? await query(`SELECT ${columns} FROM audit_entries WHERE global_seq <= ${p(1)}${extra} ORDER BY global_seq LIMIT ${AUDIT_BATCH}`, [upTo])
          : await query(`SELECT ${columns} FROM audit_entries WHERE global_seq > ${p(1)} AND global_seq <= ${p(2)}${extra} ORDER BY global_seq LIMIT ${AUDIT_BATCH}`, [after, upTo]);
      if (rows.length === 0) return;
      after = Number((rows[rows.length - 1] as unknown[])[0]);
      yield map === null ? (rows as T[]) : rows.map(map);
      if (rows.length < AUDIT_BATCH) return;
    }
  }
  return {
    bound,
    lastGlobalSeq: Number(last ?? 0),
    cases,
    checkpoints,
    hashes: () => pages('global_seq, hash', '', (v) => [Number(v[0]), v[1] as string] as const),
    caseEntries: (caseId) => query(`SELECT ${AUDIT_COLUMNS} FROM audit_entries WHERE case_id = ${p(1)} AND global_seq <= ${p(2)} ORDER BY case_seq, global_seq`, [caseId, bound]),
    entries: (partition, upTo) => pages<RawAuditRow>(AUDIT_COLUMNS, partitionSql(partition), null, upTo),
    close,
  };
};

/** The view of a SQLite file, through a connection of its own (see `AuditSource`). */
export const openSqliteAuditSource = async (file: string): Promise<AuditSource> => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('query_only = ON');
    db.exec('BEGIN');
    const statements = new Map<string, Database.Statement>();
    const query: Query = async (sql, params) => {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = db.prepare(sql).raw(true);
        statements.set(sql, statement);
      }
      // one batch per event-loop turn: a server answering requests is not held up for seconds
      await new Promise((resolve) => setImmediate(resolve));
      return statement.all(...params) as unknown[][];
    };
    return await openWith(
      query,
      () => {
        if (db.inTransaction) db.exec('COMMIT');
        db.close();
        return Promise.resolve();
      },
      false,
    );
  } catch (error) {
    db.close();
    throw error;
  }
};

/** Opens the consistent read-only view of a database's audit tables (see `AuditSource`). */
export const openAuditSource = async (dataSource: DataSource): Promise<AuditSource> => {
  const file = sqliteFileOf(dataSource);
  if (file !== null) return openSqliteAuditSource(file);
  if (dataSource.options.type === 'postgres') {
    const runner = dataSource.createQueryRunner('slave');
    await runner.connect();
    try {
      await runner.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const query: Query = async (sql, params) => {
        const rows = (await runner.query(sql, [...params])) as Record<string, unknown>[];
        return rows.map((row) => Object.values(row));
      };
      return await openWith(
        query,
        async () => {
          try {
            await runner.query('COMMIT');
          } finally {
            await runner.release();
          }
        },
        true,
      );
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release();
      throw error;
    }
  }
  // loaded here only: raw-query loads TypeORM, which the CLI and the worker threads do not need
  const { rawQuery } = await import('../database/raw-query.js');
  const viaApp: Query = async (sql, params) => {
    let n = 0;
    const rows = await rawQuery<Record<string, unknown>>(dataSource, sql.replace(/\?/g, () => `$${++n}`), params);
    return rows.map((row) => Object.values(row));
  };
  return openWith(viaApp, () => Promise.resolve(), false);
};
