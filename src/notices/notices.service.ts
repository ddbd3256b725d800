import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { DAY_MS } from '../../workflows/core/procedure.js';
import type { Actor } from '../auth/actor.js';
import { CasesService } from '../cases/cases.service.js';
import { CaseWriter } from '../cases/case-writer.js';
import { UnitDirectory } from '../cases/unit-directory.js';
import { rawQuery } from '../database/raw-query.js';
import { UnitEntity } from '../org/unit.entity.js';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../timers/clock.js';
import type { BoardQueryDto } from './dto/board-query.dto.js';
import type { ExtendNoticeDto } from './dto/extend-notice.dto.js';
import type { ObjectionCountsDto, PublicNoticeDto, PublicNoticePageDto, StaffNoticeDto, StaffNoticeListDto } from './dto/notice.dto.js';
import { answerPermission } from './notice-access.js';
import { NoticeError, NoticeErrorCode } from './notice-error.js';
import { noticeTransitionWrites } from './notice-hook.js';
import { noticePagePath, objectionFormPath } from './public-links.js';
import { fromNoticeRow, NOTICE_COLUMNS, publicStatusOf, type NoticeRecord, type NoticeRow } from './notice-row.js';

const NO_OBJECTIONS: ObjectionCountsDto = { filed: 0, pending: 0, upheld: 0, dismissed: 0, lapsed: 0 };

/**
 * Public notices: published, ended and withdrawn by the case writer's transition hook (registered
 * here), read on the public board and by staff, extended by an audited record entry.
 */
@Injectable()
export class NoticesService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: CaseWriter,
    private readonly cases: CasesService,
    private readonly units: UnitDirectory,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.writer.addTransitionHook(noticeTransitionWrites);
  }

  async find(id: string): Promise<NoticeRecord> {
    const [row] = await rawQuery<NoticeRow>(this.dataSource, `SELECT ${NOTICE_COLUMNS} FROM notices WHERE id = $1`, [id.toLowerCase()]);
    if (!row) throw new NoticeError(NoticeErrorCode.NoticeNotFound);
    return fromNoticeRow(row);
  }

  async unitOf(id: string): Promise<UnitEntity> {
    const unit = await this.dataSource.getRepository(UnitEntity).findOneBy({ id: id.toLowerCase() });
    if (!unit) throw new NoticeError(NoticeErrorCode.UnitNotFound);
    return unit;
  }

  /** A unit's board: notices of cases at the unit and every unit below it, newest first. */
  async board(unitId: string, query: BoardQueryDto): Promise<PublicNoticePageDto> {
    const unit = await this.unitOf(unitId);
    const now = this.clock.nowIso();
    const running = "(n.status = 'running' AND n.ends_at > $2)";
    const filter = query.status === 'current' ? ` AND ${running}` : query.status === 'past' ? ` AND NOT ${running}` : '';
    const params = query.status === undefined ? [`${unit.path}%`] : [`${unit.path}%`, now];
    const [count] = await rawQuery<{ n: number | string }>(this.dataSource, `SELECT COUNT(*) AS n FROM notices n WHERE n.unit_path LIKE $1${filter}`, params);
    const rows = await rawQuery<NoticeRow>(
      this.dataSource,
      `SELECT ${NOTICE_COLUMNS.split(', ').map((c) => `n.${c}`).join(', ')} FROM notices n WHERE n.unit_path LIKE $1${filter}
       ORDER BY n.starts_at DESC, n.id DESC LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    );
    return {
      unit: { id: unit.id, name: unit.name },
      items: await this.toPublic(rows.map(fromNoticeRow)),
      page: query.page,
      pageSize: query.pageSize,
      total: Number(count?.n ?? 0),
    };
  }

  async getPublic(id: string): Promise<PublicNoticeDto> {
    const [dto] = await this.toPublic([await this.find(id)]);
    return dto as PublicNoticeDto;
  }

  /** A case's notices for whoever may see the case (404 otherwise), in publication order. */
  async ofCase(actor: Actor, caseId: string): Promise<StaffNoticeListDto> {
    await this.cases.getVisible(actor, caseId);
    const rows = await rawQuery<NoticeRow>(this.dataSource, `SELECT ${NOTICE_COLUMNS} FROM notices WHERE case_id = $1 ORDER BY published_seq`, [caseId.toLowerCase()]);
    return { items: await this.toStaff(rows.map(fromNoticeRow)) };
  }

  /**
   * Extends a running notice by `days`: a `notice.extended` record entry in the case's trail, with
   * the period's timer moved and the notice's end changed in the same transaction — each only if
   * it still holds the end we read (and the timer has not come due), or nothing is written.
   */
  async extend(actor: Actor, id: string, dto: ExtendNoticeDto): Promise<StaffNoticeDto> {
    const notice = await this.find(id);
    const record = await this.cases.getVisible(actor, notice.caseId).catch(() => {
      throw new NoticeError(NoticeErrorCode.NoticeNotFound);
    });
    const permission = await answerPermission(this.units, actor, record);
    if (!permission.allowed || permission.as !== 'role') throw new NoticeError(NoticeErrorCode.NoticeForbidden);
    const now = this.clock.nowIso();
    if (publicStatusOf(notice, now) !== 'running') throw new NoticeError(NoticeErrorCode.NoticeNotRunning, { details: { status: notice.status, endsAt: notice.endsAt } });
    const newEnd = new Date(Date.parse(notice.endsAt) + dto.days * DAY_MS).toISOString();
    const changed = new NoticeError(NoticeErrorCode.NoticeChanged);
    await this.cases.appendRecord(
      notice.caseId,
      {
        eventType: 'notice.extended',
        payload: { noticeId: notice.id, days: dto.days, reason: dto.reason, previousEnd: notice.endsAt, newEnd },
        actor: { kind: 'person', personId: actor.personId, role: permission.role, unitId: permission.unitId, as: 'role' },
      },
      (plan) => [
        {
          sql: 'UPDATE timers SET due_at = $1 WHERE case_id = $2 AND timer_key = $3 AND due_at = $4 AND due_at > $5',
          params: [newEnd, notice.caseId, notice.timerKey, notice.endsAt, plan.entry.recordedAt],
          expectChanges: 1,
          error: changed,
        },
        {
          sql: "UPDATE notices SET ends_at = $1, extended_days = extended_days + $2 WHERE id = $3 AND ends_at = $4 AND status = 'running'",
          params: [newEnd, dto.days, notice.id, notice.endsAt],
          expectChanges: 1,
          error: changed,
        },
      ],
    );
    const [dtoOut] = await this.toStaff([await this.find(id)]);
    return dtoOut as StaffNoticeDto;
  }

  async objectionCounts(ids: readonly string[]): Promise<Map<string, ObjectionCountsDto>> {
    const counts = new Map<string, ObjectionCountsDto>();
    if (ids.length === 0) return counts;
    const rows = await rawQuery<{ notice_id: string; status: string; n: number | string }>(
      this.dataSource,
      `SELECT notice_id, status, COUNT(*) AS n FROM objections WHERE notice_id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')}) GROUP BY notice_id, status`,
      ids,
    );
    for (const row of rows) {
      const c = { ...(counts.get(row.notice_id) ?? NO_OBJECTIONS) };
      const n = Number(row.n);
      if (row.status in c) c[row.status as keyof ObjectionCountsDto] += n;
      c.filed += n;
      counts.set(row.notice_id, c);
    }
    return counts;
  }

  async toPublic(notices: readonly NoticeRecord[]): Promise<PublicNoticeDto[]> {
    const unitIds = [...new Set(notices.map((n) => n.unitId))];
    const units = unitIds.length === 0 ? [] : await this.dataSource.getRepository(UnitEntity).findBy({ id: In(unitIds) });
    const names = new Map(units.map((u) => [u.id, u.name]));
    const counts = await this.objectionCounts(notices.map((n) => n.id));
    const now = this.clock.nowIso();
    // absolute on the configured public address; relative (to wherever the JSON was fetched) otherwise
    const base = this.config.publicBaseUrl ?? '';
    return notices.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: { ...n.body, decision: { ...n.body.decision, texts: [...n.body.decision.texts] } },
      unit: { id: n.unitId, name: names.get(n.unitId) ?? '' },
      status: publicStatusOf(n, now),
      startsAt: n.startsAt,
      endsAt: n.endsAt,
      originalEndsAt: n.originalEndsAt,
      extendedDays: n.extendedDays,
      closedAt: n.closedAt,
      verificationHash: n.publishedHash,
      objections: counts.get(n.id) ?? { ...NO_OBJECTIONS },
      links: { page: `${base}${noticePagePath(n.id)}`, objectionForm: `${base}${objectionFormPath(n.id)}` },
    }));
  }

  private async toStaff(notices: readonly NoticeRecord[]): Promise<StaffNoticeDto[]> {
    const dtos = await this.toPublic(notices);
    return dtos.map((dto, i) => {
      const n = notices[i] as NoticeRecord;
      return { ...dto, caseId: n.caseId, statePath: n.statePath, publishedSeq: n.publishedSeq, closedHash: n.closedHash };
    });
  }
}
