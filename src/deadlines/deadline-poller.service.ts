import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CaseError } from '../cases/case-error.js';
import { SYSTEM_AUDIT_ACTOR } from '../cases/case-engine.js';
import { CasesService } from '../cases/cases.service.js';
import { DEADLINE_REACHED } from '../cases/case.mapper.js';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../timers/clock.js';
import { DUE_BATCH, DuePoller, claimDue, type DueQuery } from '../timers/due-poller.js';
import { DEADLINE_COLUMNS, type DeadlineRow } from './deadline-row.js';

/** Thrown inside the record's transaction when the deadline is no longer running: nothing is written. */
class DeadlineNoLongerRunning extends Error {}

/**
 * Records each step deadline that has come due as a `deadline.reached` record entry in the case's
 * audit chain, by the `system` actor, without moving the case. A DuePoller like the TimerScheduler:
 * polls every MINYI_TIMER_POLL_MS (0: off; tests call `runDue`), catches up at start on what came
 * due while the server was down, and records each deadline exactly once — on PostgreSQL due rows
 * are claimed with `FOR UPDATE SKIP LOCKED`, and everywhere the entry is written only together
 * with `UPDATE case_deadlines … WHERE status = 'running' AND closed_at IS NULL` changing that one
 * row (a deadline already recorded, or whose step was left meanwhile, writes nothing).
 */
const DUE_DEADLINES: DueQuery = {
  select: `SELECT ${DEADLINE_COLUMNS} FROM case_deadlines d
      WHERE d.status = 'running' AND d.closed_at IS NULL AND d.due_at <= $1 AND (d.claimed_until IS NULL OR d.claimed_until < $1)
      ORDER BY d.due_at, d.id LIMIT ${DUE_BATCH}`,
  table: 'case_deadlines',
  alias: 'd',
};

@Injectable()
export class DeadlinePoller extends DuePoller {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    super(new Logger(DeadlinePoller.name), 'deadline', config);
  }

  private async record(due: DeadlineRow): Promise<boolean> {
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

  /** Records every deadline due now; returns how many entries were appended. */
  protected async runOnce(): Promise<number> {
    let recorded = 0;
    for (;;) {
      const due = await claimDue<DeadlineRow>(this.dataSource, this.clock, DUE_DEADLINES);
      let progress = 0;
      for (const deadline of due) if (await this.record(deadline)) progress += 1;
      recorded += progress;
      // a batch that recorded nothing would come back unchanged on SQLite: wait for the next tick
      if (due.length < DUE_BATCH || progress === 0) return recorded;
    }
  }
}
