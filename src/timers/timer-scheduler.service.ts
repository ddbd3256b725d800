import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CaseError } from '../cases/case-error.js';
import { AppConfig } from '../config/app-config.js';
import { CaseWriter } from '../cases/case-writer.js';
import { UnitDirectory } from '../cases/unit-directory.js';
import { SYSTEM_ACTOR_FACT } from '../cases/system-actor.js';
import { rawQuery } from '../database/raw-query.js';
import { Clock } from './clock.js';

/** How long a claim on a due timer lasts before another instance may take it over. */
const CLAIM_MS = 60_000;
const BATCH = 100;

interface DueTimer {
  id: string;
  case_id: string;
  timer_key: string;
  event: string;
  unit_path: string;
}

/**
 * Fires due timers as the `system` actor through the same path as any event. Timers missed while
 * the server was down fire at start. Each timer fires exactly once: on PostgreSQL due rows are
 * claimed with `FOR UPDATE SKIP LOCKED`, and the firing transaction re-checks that the timer row
 * still exists before it applies the event (and deletes the row with it).
 */
@Injectable()
export class TimerScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(TimerScheduler.name);
  private handle: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: CaseWriter,
    private readonly units: UnitDirectory,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runDue();
    // 0 turns the background loop off (tests call `runDue` themselves).
    const every = this.config.engine.timerPollMs;
    if (every > 0) {
      this.handle = setInterval(() => {
        this.runDue().catch((error: unknown) => this.log.error(`timer run failed: ${String(error)}`));
      }, every);
      this.handle.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.handle) clearInterval(this.handle);
    await this.running;
  }

  /** Fires every timer due now; returns how many were applied or discarded. */
  runDue(): Promise<number> {
    this.running ??= this.fireDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async claim(): Promise<DueTimer[]> {
    const now = this.clock.nowIso();
    const until = new Date(this.clock.now().getTime() + CLAIM_MS).toISOString();
    const select = `SELECT t.id, t.case_id, t.timer_key, t.event, c.unit_path FROM timers t JOIN cases c ON c.id = t.case_id
      WHERE t.due_at <= $1 AND (t.claimed_until IS NULL OR t.claimed_until < $1) ORDER BY t.due_at, t.id LIMIT ${BATCH}`;
    if (this.dataSource.options.type !== 'postgres') {
      // One process writes SQLite: no other instance can fire the same timer.
      return rawQuery<DueTimer>(this.dataSource, select, [now]);
    }
    return this.dataSource.transaction(async (em) => {
      const rows = await em.query<DueTimer[]>(`${select} FOR UPDATE OF t SKIP LOCKED`, [now]);
      if (rows.length > 0) await em.query('UPDATE timers SET claimed_until = $1 WHERE id = ANY($2)', [until, rows.map((r) => r.id)]);
      return rows;
    });
  }

  private async fireDue(): Promise<number> {
    let fired = 0;
    for (;;) {
      const due = await this.claim();
      for (const timer of due) {
        const event = JSON.parse(timer.event) as { type: string; payload?: unknown };
        try {
          const result = await this.writer.apply(
            {
              caseId: timer.case_id,
              type: event.type,
              payload: event.payload ?? {},
              actor: SYSTEM_ACTOR_FACT,
              unitPath: await this.units.pathOf(timer.unit_path),
              expectedVersion: null,
              timerKey: timer.timer_key,
            },
            { timerId: timer.id, respond: () => ({ status: 200, body: null }) },
          );
          if (result.applied) fired += 1;
        } catch (error) {
          if (!(error instanceof CaseError)) throw error;
          this.log.warn(`timer ${timer.id} of case ${timer.case_id}: ${error.code}`);
        }
      }
      if (due.length < BATCH) return fired;
    }
  }
}
