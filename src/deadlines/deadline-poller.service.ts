import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CaseError } from '../cases/case-error.js';
import { SYSTEM_AUDIT_ACTOR } from '../cases/case-engine.js';
import { CasesService } from '../cases/cases.service.js';
import { DEADLINE_REACHED } from '../cases/case.mapper.js';
import { AppConfig } from '../config/app-config.js';
import { rawQuery } from '../database/raw-query.js';
import { Clock } from '../timers/clock.js';

/** How long a claim on a due deadline lasts before another instance may take it over. */
const CLAIM_MS = 60_000;
const BATCH = 100;

interface DueDeadline {
  id: string;
  case_id: string;
  state_path: string;
  limit_days: number | string;
  limit_unit_id: string | null;
  entered_at: string;
  due_at: string;
}

/** Thrown inside the record's transaction when the deadline is no longer running: nothing is written. */
class DeadlineNoLongerRunning extends Error {}

/**
 * Records each step deadline that has come due as a `deadline.reached` record entry in the case's
 * audit chain, by the `system` actor, without moving the case. Same shape as the TimerScheduler:
 * polls every MINYI_TIMER_POLL_MS (0: off; tests call `runDue`), catches up at start on what came
 * due while the server was down, and records each deadline exactly once — on PostgreSQL due rows
 * are claimed with `FOR UPDATE SKIP LOCKED`, and everywhere the entry is written only together
 * with `UPDATE case_deadlines … WHERE status = 'running' AND closed_at IS NULL` changing that one
 * row (a deadline already recorded, or whose step was left meanwhile, writes nothing).
 */
@Injectable()
export class DeadlinePoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(DeadlinePoller.name);
  private handle: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runDue();
    const every = this.config.engine.timerPollMs;
    if (every > 0) {
      this.handle = setInterval(() => {
        this.runDue().catch((error: unknown) => this.log.error(`deadline run failed: ${String(error)}`));
      }, every);
      this.handle.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.handle) clearInterval(this.handle);
    await this.running;
  }

  /** Records every deadline due now; returns how many entries were appended. */
  runDue(): Promise<number> {
    this.running ??= this.recordDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async claim(): Promise<DueDeadline[]> {
    const now = this.clock.nowIso();
    const until = new Date(this.clock.now().getTime() + CLAIM_MS).toISOString();
    const select = `SELECT d.id, d.case_id, d.state_path, d.limit_days, d.limit_unit_id, d.entered_at, d.due_at FROM case_deadlines d
      WHERE d.status = 'running' AND d.closed_at IS NULL AND d.due_at <= $1 AND (d.claimed_until IS NULL OR d.claimed_until < $1)
      ORDER BY d.due_at, d.id LIMIT ${BATCH}`;
    if (this.dataSource.options.type !== 'postgres') {
      // One process writes SQLite: no other instance can record the same deadline.
      return rawQuery<DueDeadline>(this.dataSource, select, [now]);
    }
    return this.dataSource.transaction(async (em) => {
      const rows = await em.query<DueDeadline[]>(`${select} FOR UPDATE OF d SKIP LOCKED`, [now]);
      if (rows.length > 0) await em.query('UPDATE case_deadlines SET claimed_until = $1 WHERE id = ANY($2)', [until, rows.map((r) => r.id)]);
      return rows;
    });
  }

  private async record(due: DueDeadline): Promise<boolean> {
    try {
      await this.cases.appendRecord(
        due.case_id,
        {
          eventType: DEADLINE_REACHED,
          payload: {
            deadlineId: due.id,
            state: due.state_path,
            limitDays: Number(due.limit_days),
            limitUnitId: due.limit_unit_id,
            enteredAt: due.entered_at,
            dueAt: due.due_at,
          },
          actor: SYSTEM_AUDIT_ACTOR,
        },
        (plan) => [
          {
            sql: "UPDATE case_deadlines SET status = 'reached', reached_at = $1, reached_seq = $2, claimed_until = NULL WHERE id = $3 AND status = 'running' AND closed_at IS NULL",
            params: [plan.entry.recordedAt, plan.entry.globalSeq, due.id],
            expectChanges: 1,
            error: new DeadlineNoLongerRunning(),
          },
        ],
      );
      return true;
    } catch (error) {
      if (error instanceof DeadlineNoLongerRunning) return false;
      if (!(error instanceof CaseError)) throw error;
      this.log.warn(`deadline ${due.id} of case ${due.case_id}: ${error.code}`);
      return false;
    }
  }

  private async recordDue(): Promise<number> {
    let recorded = 0;
    for (;;) {
      const due = await this.claim();
      let progress = 0;
      for (const deadline of due) if (await this.record(deadline)) progress += 1;
      recorded += progress;
      // a batch that recorded nothing would come back unchanged on SQLite: wait for the next tick
      if (due.length < BATCH || progress === 0) return recorded;
    }
  }
}
