import type { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { rawQuery } from '../database/raw-query.js';
import type { Clock } from './clock.js';

/** How long a claim on a due row lasts before another instance may take it over. */
export const CLAIM_MS = 60_000;
/** Due rows claimed at a time. */
export const DUE_BATCH = 100;

/** Which rows are due and how to claim them: `select` takes `$1` (now) and ends before any `FOR UPDATE`. */
export interface DueQuery {
  readonly select: string;
  /** The table whose `claimed_until` a PostgreSQL claim sets, and its alias in `select`. */
  readonly table: string;
  readonly alias: string;
}

/**
 * Claims up to DUE_BATCH due rows. SQLite has one writing process, so no other instance can take
 * the same rows: a plain read. On PostgreSQL the rows are locked with `FOR UPDATE SKIP LOCKED`
 * and their `claimed_until` set in the same transaction, so several instances never take the same
 * row for CLAIM_MS (and the firing transaction re-checks the row before it writes).
 */
export const claimDue = async <Row extends { id: string }>(dataSource: DataSource, clock: Clock, query: DueQuery): Promise<Row[]> => {
  const now = clock.nowIso();
  if (dataSource.options.type !== 'postgres') return rawQuery<Row>(dataSource, query.select, [now]);
  const until = new Date(clock.now().getTime() + CLAIM_MS).toISOString();
  return dataSource.transaction(async (em) => {
    const rows = await em.query<Row[]>(`${query.select} FOR UPDATE OF ${query.alias} SKIP LOCKED`, [now]);
    if (rows.length > 0) await em.query(`UPDATE ${query.table} SET claimed_until = $1 WHERE id = ANY($2)`, [until, rows.map((r) => r.id)]);
    return rows;
  });
};

/**
 * The life of a background job that acts on due rows (timers, step deadlines): one run at start
 * (catching up on what came due while the server was down), then every MINYI_TIMER_POLL_MS (0:
 * off; tests call `runDue`). Runs never overlap: a call while one is running joins it. Shutdown
 * stops the interval and waits for the run in progress.
 */
export abstract class DuePoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private handle: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  protected constructor(
    protected readonly log: Logger,
    /** Named in the log when a run fails: "timer", "deadline". */
    private readonly what: string,
    protected readonly config: AppConfig,
  ) {}

  /** One run: acts on everything due now; returns how many rows it acted on. */
  protected abstract runOnce(): Promise<number>;

  async onApplicationBootstrap(): Promise<void> {
    await this.runDue();
    const every = this.config.engine.timerPollMs;
    if (every > 0) {
      this.handle = setInterval(() => {
        this.runDue().catch((error: unknown) => this.log.error(`${this.what} run failed: ${String(error)}`));
      }, every);
      this.handle.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.handle) clearInterval(this.handle);
    await this.running;
  }

  /** Acts on every row due now; returns how many. */
  runDue(): Promise<number> {
    this.running ??= this.runOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }
}
