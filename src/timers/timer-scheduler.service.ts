import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CaseError } from '../cases/case-error.js';
import { AppConfig } from '../config/app-config.js';
import { CaseWriter } from '../cases/case-writer.js';
import { UnitDirectory } from '../cases/unit-directory.js';
import { SYSTEM_ACTOR_FACT } from '../cases/system-actor.js';
import { Clock } from './clock.js';
import { DUE_BATCH, DuePoller, claimDue, type DueQuery } from './due-poller.js';

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
const DUE_TIMERS: DueQuery = {
  select: `SELECT t.id, t.case_id, t.timer_key, t.event, c.unit_path FROM timers t JOIN cases c ON c.id = t.case_id
      WHERE t.due_at <= $1 AND (t.claimed_until IS NULL OR t.claimed_until < $1) ORDER BY t.due_at, t.id LIMIT ${DUE_BATCH}`,
  table: 'timers',
  alias: 't',
};

@Injectable()
export class TimerScheduler extends DuePoller {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: CaseWriter,
    private readonly units: UnitDirectory,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    super(new Logger(TimerScheduler.name), 'timer', config);
  }

  /** Fires every timer due now; returns how many were applied or discarded. */
  protected async runOnce(): Promise<number> {
    let fired = 0;
    for (;;) {
      const due = await claimDue<DueTimer>(this.dataSource, this.clock, DUE_TIMERS);
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
      if (due.length < DUE_BATCH) return fired;
    }
  }
}
