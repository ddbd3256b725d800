import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { stateLabelOf } from '../../workflows/core/describe.js';
import { covers, type Actor } from '../auth/actor.js';
import { definitionOf, snapshotOf } from '../cases/case-engine.js';
import { CASE_COLUMNS, fromCaseRow, type CaseRow } from '../cases/case-record.js';
import { CaseWriter } from '../cases/case-writer.js';
import { toDeadlineDto } from '../cases/case.mapper.js';
import type { PageQueryDto } from '../common/pagination/page.dto.js';
import { rawQuery } from '../database/raw-query.js';
import { UnitEntity } from '../org/unit.entity.js';
import { Clock } from '../timers/clock.js';
import { DeadlineError, DeadlineErrorCode } from './deadline-error.js';
import { deadlineTransitionHook } from './deadline-hook.js';
import { openDeadlinesOf } from './open-deadlines.js';
import type { OverdueCaseDto, OverduePageDto } from './dto/overdue.dto.js';

const placeholders = (count: number, from = 1) => Array.from({ length: count }, (_, i) => `$${i + from}`).join(', ');

/**
 * Step deadlines: written by the case writer's transition hook (registered here) in the step's own
 * transaction, read for the `overdue` flag on cases and a unit's overdue list.
 */
@Injectable()
export class DeadlinesService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: CaseWriter,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.writer.addTransitionHook(deadlineTransitionHook(this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite'));
  }

  /**
   * Open cases at the unit or below with a running deadline whose due time has come (by the
   * engine clock, whether or not the poller has recorded it yet), most overdue first.
   */
  async overdue(actor: Actor, unitId: string, query: PageQueryDto): Promise<OverduePageDto> {
    const unit = await this.dataSource.getRepository(UnitEntity).findOneBy({ id: unitId.toLowerCase() });
    if (!unit || !covers(actor, unit.path)) throw new DeadlineError(DeadlineErrorCode.UnitNotFound);
    const now = this.clock.nowIso();
    const under = `${unit.path}%`;
    const where = "d.closed_at IS NULL AND d.due_at <= $1 AND d.unit_path LIKE $2 AND c.status = 'open'";
    const [count] = await rawQuery<{ n: number | string }>(
      this.dataSource,
      `SELECT COUNT(DISTINCT d.case_id) AS n FROM case_deadlines d JOIN cases c ON c.id = d.case_id WHERE ${where}`,
      [now, under],
    );
    const page = await rawQuery<{ case_id: string }>(
      this.dataSource,
      `SELECT d.case_id, MIN(d.due_at) AS first_due FROM case_deadlines d JOIN cases c ON c.id = d.case_id WHERE ${where}
       GROUP BY d.case_id ORDER BY first_due ASC, d.case_id ASC LIMIT $3 OFFSET $4`,
      [now, under, query.pageSize, (query.page - 1) * query.pageSize],
    );
    const ids = page.map((r) => r.case_id);
    const cases =
      ids.length === 0 ? [] : (await rawQuery<CaseRow>(this.dataSource, `SELECT ${CASE_COLUMNS} FROM cases WHERE id IN (${placeholders(ids.length)})`, ids)).map(fromCaseRow);
    const deadlines = await openDeadlinesOf(this.dataSource, ids);
    const items = ids.flatMap((id): OverdueCaseDto[] => {
      const record = cases.find((c) => c.id === id);
      const mostOverdue = deadlines.filter((d) => d.caseId === id && d.dueAt <= now).sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1))[0];
      if (!record || !mostOverdue) return [];
      const definition = definitionOf(record);
      return [
        {
          caseId: record.id,
          title: record.title,
          procedure: { id: definition.id, version: definition.version, label: definition.label },
          unitId: record.unitId,
          state: { path: record.state, label: stateLabelOf(snapshotOf(record)) },
          deadline: toDeadlineDto(record, mostOverdue, now),
        },
      ];
    });
    return { unit: { id: unit.id, name: unit.name }, asOf: now, items, page: query.page, pageSize: query.pageSize, total: Number(count?.n ?? 0) };
  }
}
