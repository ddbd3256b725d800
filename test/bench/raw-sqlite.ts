import Database from 'better-sqlite3';
import { AUDIT_COLUMNS } from '../../src/audit/audit-row.js';
import { percentile, Samples } from './stats.js';

/**
 * The raw limit: the database work of one accepted event — one conditional
 * `UPDATE cases … WHERE id = ? AND version = ?` and one audit `INSERT` — done directly with
 * better-sqlite3 on a separate, fresh database file (WAL, synchronous=FULL, foreign keys on, as
 * the server opens it), single-threaded, with no HTTP, no auth, no engine.
 *
 * The schema (tables, indexes, the append-only triggers) is copied from the server's database
 * after its run, and so are the rows the foreign keys need (units, people, the bench's cases);
 * the updated case row and the inserted audit row have the sizes of the real ones (the server's
 * last case row and last `research.addFinding` entry are the templates).
 */

export interface RawResult {
  readonly label: string;
  readonly eventsPerTransaction: number;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  /** Per transaction, COMMIT included (ms). */
  readonly p50: number;
  readonly p99: number;
}

type Row = Record<string, unknown>;

const COLUMNS = AUDIT_COLUMNS.split(', ');
const UPDATE_CASE = 'UPDATE cases SET status = ?, outcome = ?, state = ?, snapshot = ?, version = ?, last_seq = ?, head_hash = ?, updated_at = ? WHERE id = ? AND version = ?';
const INSERT_ENTRY = `INSERT INTO audit_entries (${AUDIT_COLUMNS}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;

const hex64 = (n: number): string => n.toString(16).padStart(64, '0');

export class RawLimit {
  private readonly db: Database.Database;
  private readonly cases: { id: string; version: number; lastSeq: number }[];
  private readonly caseTemplate: Row;
  private readonly entryTemplate: Row;
  private globalSeq = 0;

  /** Builds the fresh database at `path` from the (closed) server database at `serverDbPath`. */
  constructor(serverDbPath: string, path: string) {
    const source = new Database(serverDbPath, { readonly: true, fileMustExist: true });
    try {
      const schema = source
        .prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, rowid")
        .all() as { type: string; name: string; sql: string }[];
      this.caseTemplate = source.prepare("SELECT * FROM cases WHERE state = 'research' ORDER BY updated_at DESC LIMIT 1").get() as Row;
      this.entryTemplate = source.prepare("SELECT * FROM audit_entries WHERE event_type = 'research.addFinding' ORDER BY global_seq DESC LIMIT 1").get() as Row;
      if (!this.caseTemplate || !this.entryTemplate) throw new Error('the server database has no case in research with a finding to copy');
      this.db = new Database(path);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.pragma('foreign_keys = ON');
      for (const { sql } of schema.filter((s) => s.type !== 'trigger')) this.db.exec(sql);
      const copy = (table: string, where = '') => {
        const rows = source.prepare(`SELECT * FROM ${table} ${where}`).all() as Row[];
        if (rows.length === 0) return;
        const columns = Object.keys(rows[0] as Row);
        const insert = this.db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
        this.db.transaction(() => rows.forEach((row) => insert.run(...columns.map((c) => row[c]))))();
      };
      copy('units');
      copy('people');
      copy('cases', "WHERE state = 'research'");
      for (const { sql } of schema.filter((s) => s.type === 'trigger')) this.db.exec(sql);
      this.cases = (this.db.prepare('SELECT id, version, last_seq AS lastSeq FROM cases').all() as { id: string; version: number; lastSeq: number }[]).map((c) => ({ ...c }));
    } finally {
      source.close();
    }
    if (this.cases.length === 0) throw new Error('no cases to update');
  }

  /** Runs for `seconds`, `perTransaction` events in each `BEGIN IMMEDIATE … COMMIT`. */
  run(label: string, perTransaction: number, seconds: number): RawResult {
    const update = this.db.prepare(UPDATE_CASE);
    const insert = this.db.prepare(INSERT_ENTRY);
    const begin = this.db.prepare('BEGIN IMMEDIATE');
    const commit = this.db.prepare('COMMIT');
    const c = this.caseTemplate;
    const e = this.entryTemplate;
    const samples = new Samples();
    let next = 0;
    let events = 0;
    const started = performance.now();
    const end = started + seconds * 1000;
    let now = started;
    while (now < end) {
      begin.run();
      for (let i = 0; i < perTransaction; i++) {
        const kase = this.cases[next++ % this.cases.length] as (typeof this.cases)[number];
        const at = new Date().toISOString();
        const seq = ++this.globalSeq;
        const result = update.run(c.status, c.outcome, c.state, c.snapshot, kase.version + 1, kase.lastSeq + 1, hex64(seq), at, kase.id, kase.version);
        if (result.changes !== 1) throw new Error('raw: the conditional update matched no row');
        kase.version += 1;
        kase.lastSeq += 1;
        const row: Row = { ...e, global_seq: seq, case_id: kase.id, case_seq: kase.lastSeq, recorded_at: at, prev_hash: hex64(seq - 1), hash: hex64(seq) };
        insert.run(...COLUMNS.map((col) => row[col]));
      }
      commit.run();
      events += perTransaction;
      const after = performance.now();
      samples.push(after - now);
      now = after;
    }
    const elapsed = (now - started) / 1000;
    const sorted = samples.sorted();
    return { label, eventsPerTransaction: perTransaction, events, seconds: elapsed, eventsPerSecond: events / elapsed, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  }

  close(): void {
    this.db.close();
  }
}
