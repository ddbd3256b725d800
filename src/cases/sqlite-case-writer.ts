import { randomUUID } from 'node:crypto';
import type { BeforeApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { bindInOrder, toSqlitePlaceholders } from '../database/placeholders.js';
import { fsyncFile, WalSync, type SyncFile } from '../database/wal-sync.js';
import { AUDIT_COLUMNS, toAuditRow } from '../audit/audit-row.js';
import type { Clock } from '../timers/clock.js';
import { CaseError, CaseErrorCode } from './case-error.js';
import { planEvent, type EventJob, type Plan } from './case-engine.js';
import { CASE_COLUMNS, fromCaseRow, toCaseRow, type CaseRecord, type CaseRow } from './case-record.js';
import { CaseWriter, type ApplyOptions, type ApplyResult, type ExtraWrite } from './case-writer.js';

/** How many queued writes one transaction (one fsync) may carry. */
const MAX_BATCH = 256;

interface Job {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

const placeholders = (columns: string) => columns.split(',').map(() => '?').join(', ');

/**
 * SQLite: one writer in this process. Writes queue up and run synchronously, a batch at a time,
 * in one `BEGIN IMMEDIATE` transaction (group commit: one fsync covers the batch). Each write runs
 * under a savepoint, so a refused one leaves nothing behind while the others commit.
 *
 * Durability: a promise settles only once its batch is on disk. On a WAL file the batch commits
 * with `synchronous = NORMAL` (the COMMIT writes the WAL without fsync) and the WAL is then
 * fsynced on the thread pool (`WalSync`): the event loop runs the next batch meanwhile, and the
 * batch's answers wait for an fsync that started after its COMMIT — what FULL gives, without
 * blocking. Elsewhere (no WAL), COMMIT with the configured level is the durability.
 * docs/architecture.md ("The one writer and fsync") has the reasoning.
 */
export class SqliteCaseWriter extends CaseWriter implements BeforeApplicationShutdown {
  private readonly queue: Job[] = [];
  private flushScheduled = false;
  private statements: ReturnType<SqliteCaseWriter['prepare']> | undefined;
  /** Set when the database is a WAL file: commits run with NORMAL and are fsynced here. */
  readonly wal: WalSync | undefined;
  /** The connection's own `synchronous` level (FULL), restored after each of our commits. */
  private readonly configuredSynchronous: number;
  private readonly walFile = fsyncFile();
  /** The last global sequence taken in the batch being written; undefined outside a batch. */
  private seq: { last: number } | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    options: { syncFile?: SyncFile } = {},
  ) {
    super();
    this.configuredSynchronous = Number(db.pragma('synchronous', { simple: true }));
    const walMode = String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
    // SQLite's own absolute path of the main file; its WAL is that path + "-wal"
    const file = (db.pragma('database_list') as { name: string; file: string }[]).find((d) => d.name === 'main')?.file ?? '';
    // only where FULL (2) or EXTRA (3) was asked for: NORMAL + our fsync gives what FULL gives
    this.wal = walMode && !db.memory && file !== '' && this.configuredSynchronous >= 2 ? new WalSync(`${file}-wal`, options.syncFile ?? this.walFile, () => !this.db.open) : undefined;
  }

  override durable(): Promise<void> {
    return this.wal?.durable() ?? Promise.resolve();
  }

  override get failure(): Error | undefined {
    return this.wal?.failed;
  }

  /** Shutdown: let queued writes commit and their fsync complete before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    // (bounded: a TypeORM transaction that never ends must not hold the shutdown forever)
    const giveUpAt = Date.now() + 10_000;
    while (this.flushScheduled && Date.now() < giveUpAt) await new Promise((resolve) => setTimeout(resolve, 1));
    await this.wal?.idle();
    await this.walFile.close();
  }

  private prepare() {
    const db = this.db;
    return {
      readSeq: db.prepare('SELECT last_global_seq AS seq FROM audit_sequence WHERE id = 1'),
      writeSeq: db.prepare('UPDATE audit_sequence SET last_global_seq = ? WHERE id = 1'),
      selectCase: db.prepare(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = ?`),
      insertCase: db.prepare(`INSERT INTO cases (${CASE_COLUMNS}) VALUES (${placeholders(CASE_COLUMNS)})`),
      updateCase: db.prepare(
        'UPDATE cases SET status = ?, outcome = ?, state = ?, snapshot = ?, version = ?, last_seq = ?, head_hash = ?, updated_at = ? WHERE id = ? AND version = ?',
      ),
      insertEntry: db.prepare(`INSERT INTO audit_entries (${AUDIT_COLUMNS}) VALUES (${placeholders(AUDIT_COLUMNS)})`),
      deleteTimer: db.prepare('DELETE FROM timers WHERE case_id = ? AND timer_key = ?'),
      insertTimer: db.prepare('INSERT INTO timers (id, case_id, timer_key, event, due_at, created_at, claimed_until) VALUES (?, ?, ?, ?, ?, ?, NULL)'),
      timerExists: db.prepare('SELECT 1 AS found FROM timers WHERE id = ?'),
      completeIdempotency: db.prepare("UPDATE idempotency_keys SET state = 'done', status_code = ?, response = ? WHERE actor_id = ? AND idempotency_key = ?"),
      // transaction control on the hot path, prepared once (an exec parses its text every time)
      synchronousNormal: db.prepare('PRAGMA synchronous = NORMAL'),
      begin: db.prepare('BEGIN IMMEDIATE'),
      savepoint: db.prepare('SAVEPOINT minyi_write'),
      release: db.prepare('RELEASE minyi_write'),
      commit: db.prepare('COMMIT'),
    };
  }

  private get sql() {
    this.statements ??= this.prepare();
    return this.statements;
  }

  private enqueue<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    // TypeORM shares this connection; never interleave with a transaction it has open.
    if (this.db.inTransaction) {
      setTimeout(() => this.flush(), 1);
      return;
    }
    this.flushScheduled = false;
    const batch = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length > 0) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
    const failed = this.wal?.failed;
    if (failed) {
      for (const job of batch) job.reject(failed);
      return;
    }
    const outcomes: { ok: boolean; value: unknown }[] = [];
    // Only this synchronous block runs with NORMAL: no other statement can use the connection
    // before FULL (or whatever was configured) is back, so TypeORM's own commits keep their fsync.
    try {
      const sql = this.sql;
      if (this.wal) sql.synchronousNormal.run();
      sql.begin.run();
      // The global sequence is counted here and stored once per batch: under BEGIN IMMEDIATE no
      // one else can write it, and a refused write gives its numbers back (gapless).
      const first = Number((this.sql.readSeq.get() as { seq: number }).seq);
      this.seq = { last: first };
      for (const job of batch) {
        const before = this.seq.last;
        sql.savepoint.run();
        try {
          outcomes.push({ ok: true, value: job.work() });
          sql.release.run();
        } catch (error) {
          this.db.exec('ROLLBACK TO minyi_write');
          this.db.exec('RELEASE minyi_write');
          this.seq.last = before;
          outcomes.push({ ok: false, value: error });
        }
      }
      if (this.seq.last !== first) sql.writeSeq.run(this.seq.last);
      sql.commit.run();
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      for (const job of batch) job.reject(error);
      return;
    } finally {
      this.seq = undefined;
      // (a closed database — shutdown — has nothing to restore; the batch was refused above)
      if (this.wal && this.db.open) this.db.exec(`PRAGMA synchronous = ${this.configuredSynchronous}`);
    }
    const settle = () =>
      batch.forEach((job, i) => {
        const outcome = outcomes[i];
        if (outcome?.ok) job.resolve(outcome.value);
        else job.reject(outcome?.value);
      });
    if (!this.wal) {
      settle();
      return;
    }
    // Nobody hears of this batch — success or refusal, which may rest on an earlier commit of
    // this connection — before an fsync that started after this COMMIT has completed.
    this.wal.committed();
    this.wal.durable().then(settle, (error: unknown) => {
      for (const job of batch) job.reject(error);
    });
  }

  /** The next global sequence, inside a batch (see `flush`). */
  private nextSeq(): number {
    if (this.seq === undefined) throw new Error('a global sequence taken outside the writer’s transaction');
    this.seq.last += 1;
    return this.seq.last;
  }

  private write(plan: Plan, previousVersion: number | null): void {
    const sql = this.sql;
    const row = toCaseRow(plan.record);
    if (previousVersion === null) {
      sql.insertCase.run(...CASE_COLUMNS.split(', ').map((c) => row[c as keyof CaseRow]));
    } else {
      const result = sql.updateCase.run(row.status, row.outcome, row.state, row.snapshot, row.version, row.last_seq, row.head_hash, row.updated_at, row.id, previousVersion);
      if (result.changes !== 1) throw new CaseError(CaseErrorCode.ConcurrentWrite);
    }
    const entry = toAuditRow(plan.entry);
    sql.insertEntry.run(...AUDIT_COLUMNS.split(', ').map((c) => entry[c as keyof typeof entry]));
    for (const key of plan.cancelTimers) sql.deleteTimer.run(plan.record.id, key);
    for (const timer of plan.scheduleTimers) {
      sql.deleteTimer.run(plan.record.id, timer.key);
      sql.insertTimer.run(randomUUID(), plan.record.id, timer.key, JSON.stringify(timer.event), timer.dueAt, plan.entry.recordedAt);
    }
  }

  /**
   * Other modules' statements, prepared once per SQL text (their texts are few: hooks build them
   * from templates), with the parameter each `?` takes: `?` is positional, so a placeholder used
   * twice takes its value twice.
   */
  private readonly prepared = new Map<string, { statement: Database.Statement; order: readonly number[] }>();

  private statementOf(sql: string, params: readonly unknown[]): { statement: Database.Statement; values: unknown[] } {
    let known = this.prepared.get(sql);
    if (known === undefined) {
      const { text, order } = toSqlitePlaceholders(sql);
      known = { statement: this.db.prepare(text), order };
      this.prepared.set(sql, known);
      if (this.prepared.size > 200) this.prepared.delete(this.prepared.keys().next().value as string);
    }
    return { statement: known.statement, values: bindInOrder(known.order, params) };
  }

  /** Runs other modules' rows. */
  private writeExtra(extra: readonly ExtraWrite[]): void {
    for (const write of extra) {
      const { statement, values } = this.statementOf(write.sql, write.params);
      const result = statement.run(...values);
      if (write.expectChanges !== undefined && result.changes !== write.expectChanges) throw write.error ?? new CaseError(CaseErrorCode.ConcurrentWrite);
    }
  }

  private load(caseId: string): CaseRecord {
    const row = this.sql.selectCase.get(caseId) as CaseRow | undefined;
    if (!row) throw new CaseError(CaseErrorCode.CaseNotFound);
    return fromCaseRow(row);
  }

  create(build: (globalSeq: number, now: string) => Plan): Promise<Plan> {
    return this.enqueue(() => {
      const plan = build(this.nextSeq(), this.clock.nowIso());
      this.write(plan, null);
      this.writeExtra(this.hookWrites(plan, null));
      return plan;
    });
  }

  apply(job: EventJob, options: ApplyOptions): Promise<ApplyResult> {
    return this.enqueue((): ApplyResult => {
      if (options.timerId !== undefined && !this.sql.timerExists.get(options.timerId)) return { applied: false };
      const record = this.load(job.caseId);
      const seq = this.nextSeq();
      const plan = planEvent({ record, job, now: this.clock.nowIso(), globalSeq: seq });
      if (plan instanceof CaseError) throw plan;
      this.write(plan, record.version);
      this.writeExtra([...(options.extra ?? []), ...this.hookWrites(plan, record)]);
      const response = options.respond(plan);
      if (options.idempotency) {
        this.sql.completeIdempotency.run(response.status, JSON.stringify(response.body), options.idempotency.actorId, options.idempotency.key);
      }
      if (options.readAfter === undefined) return { applied: true, plan, response };
      const { statement, values } = this.statementOf(options.readAfter.sql, options.readAfter.params);
      return { applied: true, plan, response, rows: statement.all(...values) };
    });
  }

  appendRecord(
    caseId: string,
    build: (record: CaseRecord, globalSeq: number, now: string) => Plan,
    extra?: (plan: Plan) => readonly ExtraWrite[],
  ): Promise<Plan> {
    return this.enqueue(() => {
      const record = this.load(caseId);
      const plan = build(record, this.nextSeq(), this.clock.nowIso());
      this.write(plan, record.version);
      this.writeExtra(extra?.(plan) ?? []);
      return plan;
    });
  }
}
