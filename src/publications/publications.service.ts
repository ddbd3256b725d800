import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { ROLES, type Role } from '../../workflows/org/roles.js';
import { computePublicationCalendar, DEFAULT_GRACE_DAYS, periodKindOf, type CalendarPeriod } from '../../workflows/rules/publication-calendar.rule.js';
import { AT_ONCE_MATTERS, matterOfNotice, PUBLICATION_MATTERS, type FinanceCadence, type PublicationMatterName } from '../../workflows/rules/publication-matters.js';
import { chinaDay, chinaDayStart, parsePeriod } from '../../workflows/rules/publication-periods.js';
import type { NoticeKind } from '../../workflows/core/procedure.js';
import { covers, type Actor } from '../auth/actor.js';
import { AppConfig } from '../config/app-config.js';
import { emQuery } from '../database/em-query.js';
import { rawQuery } from '../database/raw-query.js';
import { lockUnitSettings, recordSettingsChange } from '../org/settings-changes.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { noticePagePath } from '../notices/public-links.js';
import { UnitEntity } from '../org/unit.entity.js';
import { Clock } from '../timers/clock.js';
import type { CreatePublicationDto } from './dto/create-publication.dto.js';
import type { PublicationBoardQueryDto } from './dto/publication-board-query.dto.js';
import type { PublicationSettingsDto, PublicationSettingsViewDto } from './dto/publication-settings.dto.js';
import type {
  AtOnceMatterDto,
  CalendarPeriodDto,
  PublicationCalendarDto,
  PublicationVerificationDto,
  PublicPublicationDto,
  PublicPublicationPageDto,
  StaffPublicationDto,
} from './dto/publication.dto.js';
import { contentHashOf, linkHashOf, publicationGenesis, verifyPublicationChain } from './publication-chain.js';
import { PublicationError, PublicationErrorCode } from './publication-error.js';
import { PUBLICATION_COLUMNS, type PublicationRow, type SettingsRow } from './publication-row.js';

/** Who records publications: the villagers' committee (art. 30). */
export const PUBLISHERS: readonly Role[] = ['village_committee'];
/** Who reads the calendar and verifies the chain: village staff, the supervision committee, the township. */
export const CALENDAR_READERS: readonly Role[] = ['village_committee', 'party_branch', 'supervisor', 'township_party_committee'];
/** Who sets the finance cadence, grace days and tracking start. */
export const SETTINGS_EDITORS: readonly Role[] = ['village_committee', 'township_party_committee'];

const AT_ONCE_LIMIT = 100;
const APPEND_ATTEMPTS = 5;

export const publicationPagePath = (id: string): string => `/public/publications/${id}`;
export const publicationBoardPath = (unitId: string): string => `/public/units/${unitId}/publications`;

/**
 * Village affairs publication (村务公开, art. 30): the village committee records ordinary
 * publications — each a link of the village's hash chain, append-only — which go on the public
 * board at once; the calendar says per matter what is due, published and overdue.
 */
@Injectable()
export class PublicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async unitOf(id: string): Promise<UnitEntity> {
    const unit = await this.dataSource.getRepository(UnitEntity).findOneBy({ id: id.toLowerCase() });
    if (!unit) throw new PublicationError(PublicationErrorCode.UnitNotFound);
    return unit;
  }

  /** A village in the actor's scope (404 outside it), of kind village (422), where the actor holds one of `roles` (403). */
  private async village(actor: Actor, id: string, roles: readonly Role[]): Promise<{ unit: UnitEntity; role: Actor['roles'][number] }> {
    const unit = await this.unitOf(id);
    if (!covers(actor, unit.path)) throw new PublicationError(PublicationErrorCode.UnitNotFound);
    if (unit.kind !== 'village') throw new PublicationError(PublicationErrorCode.NotAVillage, { details: { kind: unit.kind } });
    const role = actor.roles.find((r) => roles.includes(r.role) && (r.unitPath === null || unit.path.startsWith(r.unitPath)));
    if (!role) throw new PublicationError(PublicationErrorCode.Forbidden);
    return { unit, role };
  }

  private async settingsOf(unit: UnitEntity): Promise<PublicationSettingsViewDto> {
    const [row] = await rawQuery<SettingsRow>(this.dataSource, 'SELECT unit_id, finance_cadence, grace_days, tracked_from, updated_at, updated_by FROM village_publication_settings WHERE unit_id = $1', [unit.id]);
    if (!row) return { financeCadence: 'quarterly', graceDays: DEFAULT_GRACE_DAYS, trackedFrom: chinaDay(Date.parse(unit.createdAt)), configured: false, updatedAt: null };
    return { financeCadence: row.finance_cadence as FinanceCadence, graceDays: Number(row.grace_days), trackedFrom: row.tracked_from, configured: true, updatedAt: row.updated_at };
  }

  async updateSettings(actor: Actor, unitId: string, dto: PublicationSettingsDto): Promise<PublicationSettingsViewDto> {
    const { unit, role } = await this.village(actor, unitId, SETTINGS_EDITORS);
    if (chinaDayStart(dto.trackedFrom) === null) {
      throw new PublicationError(PublicationErrorCode.PeriodInvalid, { field: 'trackedFrom', text: { zh: '起始日期不是有效日期。', en: 'trackedFrom is not a real calendar day.' } });
    }
    const now = this.clock.nowIso();
    const after = { financeCadence: dto.financeCadence, graceDays: dto.graceDays, trackedFrom: dto.trackedFrom };
    await this.dataSource.transaction(async (em) => {
      // two changes at once record old → new in order
      await lockUnitSettings(em, unit.id);
      const [current] = await emQuery<SettingsRow>(em, 'SELECT finance_cadence, grace_days, tracked_from FROM village_publication_settings WHERE unit_id = $1', [unit.id]);
      await emQuery(
        em,
        `INSERT INTO village_publication_settings (unit_id, finance_cadence, grace_days, tracked_from, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (unit_id) DO UPDATE SET finance_cadence = excluded.finance_cadence, grace_days = excluded.grace_days, tracked_from = excluded.tracked_from,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        [unit.id, dto.financeCadence, dto.graceDays, dto.trackedFrom, now, actor.personId],
      );
      const before = current ? { financeCadence: current.finance_cadence, graceDays: Number(current.grace_days), trackedFrom: current.tracked_from } : null;
      await recordSettingsChange(em, { unitId: unit.id, subject: 'publication-settings', before, after, changedBy: actor.personId, changedRole: role.role, changedAt: now });
    });
    return this.settingsOf(unit);
  }

  /** Checks the period against the matter and the village's cadence; null for at-once matters. */
  private periodFor(matter: PublicationMatterName, given: string | undefined, cadence: FinanceCadence): string | null {
    const decl = PUBLICATION_MATTERS[matter];
    const invalid = (zh: string, en: string) => new PublicationError(PublicationErrorCode.PeriodInvalid, { field: 'period', text: { zh, en } });
    if (decl.cadence === 'at_once') {
      if (given !== undefined) throw invalid(`「${decl.label.zh}」须随时公布，不按期间公布：请不要填写期间。`, `${matter} is published at once, not for a period: leave period out.`);
      return null;
    }
    const kind = periodKindOf(matter, cadence);
    const example = kind === 'month' ? '2026-10' : '2026-Q3';
    const word = kind === 'month' ? { zh: '月份', en: 'a month' } : { zh: '季度', en: 'a quarter' };
    if (given === undefined) throw invalid(`「${decl.label.zh}」须按${word.zh}公布：请填写期间（如 ${example}）。`, `${matter} is published for ${word.en}: give period (e.g. ${example}).`);
    const period = parsePeriod(given);
    if (!period) throw invalid(`期间 ${given} 无效（如 ${example}）。`, `period ${given} is not valid (e.g. ${example}).`);
    if (period.kind !== kind) throw invalid(`本村「${decl.label.zh}」按${word.zh}公布（如 ${example}）。`, `This village publishes ${matter} for ${word.en} (e.g. ${example}).`);
    if (period.startsAt > this.clock.nowIso()) {
      throw new PublicationError(PublicationErrorCode.PeriodNotStarted, { field: 'period', details: { startsAt: period.startsAt } });
    }
    return period.key;
  }

  async create(actor: Actor, unitId: string, dto: CreatePublicationDto): Promise<StaffPublicationDto> {
    const { unit, role } = await this.village(actor, unitId, PUBLISHERS);
    const settings = await this.settingsOf(unit);
    const period = this.periodFor(dto.matter, dto.period, settings.financeCadence);
    const id = randomUUID();
    const contentHash = contentHashOf({ unitId: unit.id, matter: dto.matter, period, title: dto.title, body: dto.body });
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.dataSource.transaction(async (em) => {
          const [head] = await emQuery<{ chain_seq: number | string; hash: string }>(em, 'SELECT chain_seq, hash FROM village_publications WHERE unit_id = $1 ORDER BY chain_seq DESC LIMIT 1', [unit.id]);
          const seq = head ? Number(head.chain_seq) + 1 : 1;
          const prevHash = head ? head.hash : publicationGenesis(unit.id);
          const publishedAt = this.clock.nowIso();
          const publishedBy = { personId: actor.personId, role: role.role, unitId: role.unitId };
          const hash = linkHashOf({ unitId: unit.id, seq, publicationId: id, contentHash, publishedAt, publishedBy, prevHash });
          const values = [id, unit.id, unit.path, dto.matter, period, dto.title, dto.body, contentHash, publishedAt, actor.personId, role.role, role.unitId, seq, prevHash, hash];
          await emQuery(em, `INSERT INTO village_publications (${PUBLICATION_COLUMNS}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`, values);
        });
        break;
      } catch (error) {
        // another publication took this position in the chain meanwhile: read the new head and try again
        if (!isUniqueViolation(error)) throw error;
        if (attempt >= APPEND_ATTEMPTS) throw new PublicationError(PublicationErrorCode.ChainBusy);
      }
    }
    const row = await this.row(id);
    const [dtoOut] = await this.toPublic([row]);
    return { ...(dtoOut as PublicPublicationDto), publishedBy: row.published_by };
  }

  private async row(id: string): Promise<PublicationRow> {
    const [row] = await rawQuery<PublicationRow>(this.dataSource, `SELECT ${PUBLICATION_COLUMNS} FROM village_publications WHERE id = $1`, [id.toLowerCase()]);
    if (!row) throw new PublicationError(PublicationErrorCode.PublicationNotFound);
    return row;
  }

  async getPublic(id: string): Promise<PublicPublicationDto> {
    const [dto] = await this.toPublic([await this.row(id)]);
    return dto as PublicPublicationDto;
  }

  /** A unit's publication board: publications of the villages at and below it, newest first. */
  async board(unitId: string, query: PublicationBoardQueryDto): Promise<PublicPublicationPageDto> {
    const unit = await this.unitOf(unitId);
    const params: unknown[] = [`${unit.path}%`];
    let filter = '';
    if (query.matter !== undefined) {
      params.push(query.matter);
      filter = ' AND matter = $2';
    }
    const [count] = await rawQuery<{ n: number | string }>(this.dataSource, `SELECT COUNT(*) AS n FROM village_publications WHERE unit_path LIKE $1${filter}`, params);
    const rows = await rawQuery<PublicationRow>(
      this.dataSource,
      `SELECT ${PUBLICATION_COLUMNS} FROM village_publications WHERE unit_path LIKE $1${filter}
       ORDER BY published_at DESC, id DESC LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    );
    return { unit: { id: unit.id, name: unit.name }, items: await this.toPublic(rows), page: query.page, pageSize: query.pageSize, total: Number(count?.n ?? 0) };
  }

  private async toPublic(rows: readonly PublicationRow[]): Promise<PublicPublicationDto[]> {
    const ids = [...new Set(rows.map((r) => r.unit_id))];
    const units = ids.length === 0 ? [] : await this.dataSource.getRepository(UnitEntity).findBy({ id: In(ids) });
    const names = new Map(units.map((u) => [u.id, u.name]));
    const base = this.config.publicBaseUrl ?? '';
    return rows.map((r) => ({
      id: r.id,
      unit: { id: r.unit_id, name: names.get(r.unit_id) ?? '' },
      matter: r.matter,
      matterLabel: { ...(PUBLICATION_MATTERS[r.matter as PublicationMatterName]?.label ?? { zh: r.matter, en: r.matter }) },
      period: r.period,
      title: r.title,
      body: r.body,
      publishedAt: r.published_at,
      publishedByRole: r.published_role,
      publishedByRoleLabel: { ...(ROLES[r.published_role as Role] ?? { zh: r.published_role, en: r.published_role }) },
      contentHash: r.content_hash,
      chain: { seq: Number(r.chain_seq), hash: r.hash, prevHash: r.prev_hash },
      links: { page: `${base}${publicationPagePath(r.id)}` },
    }));
  }

  async calendar(actor: Actor, unitId: string): Promise<PublicationCalendarDto> {
    const { unit } = await this.village(actor, unitId, CALENDAR_READERS);
    const settings = await this.settingsOf(unit);
    const now = this.clock.nowIso();
    const facts = await rawQuery<{ matter: string; period: string; published_at: string }>(
      this.dataSource,
      'SELECT matter, period, published_at FROM village_publications WHERE unit_id = $1 AND period IS NOT NULL',
      [unit.id],
    );
    const calendar = computePublicationCalendar({ settings, publications: facts.map((f) => ({ matter: f.matter, period: f.period, publishedAt: f.published_at })), now });
    const period = (p: CalendarPeriod): CalendarPeriodDto => ({ ...p, label: { ...PUBLICATION_MATTERS[p.matter].label } });
    return {
      unit: { id: unit.id, name: unit.name },
      now,
      timeZone: 'Asia/Shanghai (UTC+08:00)',
      settings,
      matters: calendar.matters.map((m) => ({ matter: m.matter, label: { ...m.label }, basis: { ...m.basis }, periodKind: m.periodKind, periods: m.periods.map(period), nextDue: period(m.nextDue) })),
      overdue: calendar.overdue.map(period),
      atOnce: await this.atOnce(unit),
    };
  }

  /**
   * At-once matters: the case notices the engine published for cases at the village (and below it)
   * — each in the same transaction as the step that decided — and what the village recorded itself.
   */
  private async atOnce(unit: UnitEntity): Promise<AtOnceMatterDto[]> {
    const notices = await rawQuery<{ id: string; kind: string; title: string; starts_at: string }>(
      this.dataSource,
      `SELECT id, kind, title, starts_at FROM notices WHERE unit_path LIKE $1 ORDER BY starts_at DESC, id DESC LIMIT ${AT_ONCE_LIMIT * AT_ONCE_MATTERS.length}`,
      [`${unit.path}%`],
    );
    const recorded = await rawQuery<{ id: string; matter: string; title: string; published_at: string }>(
      this.dataSource,
      `SELECT id, matter, title, published_at FROM village_publications WHERE unit_id = $1 AND period IS NULL ORDER BY published_at DESC, id DESC LIMIT ${AT_ONCE_LIMIT * AT_ONCE_MATTERS.length}`,
      [unit.id],
    );
    const base = this.config.publicBaseUrl ?? '';
    return AT_ONCE_MATTERS.map((matter) => {
      const items = [
        ...notices
          .filter((n) => matterOfNotice(n.kind as NoticeKind) === matter)
          .map((n) => ({ source: 'notice', id: n.id, title: n.title, publishedAt: n.starts_at, page: `${base}${noticePagePath(n.id)}` })),
        ...recorded.filter((r) => r.matter === matter).map((r) => ({ source: 'publication', id: r.id, title: r.title, publishedAt: r.published_at, page: `${base}${publicationPagePath(r.id)}` })),
      ]
        .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0))
        .slice(0, AT_ONCE_LIMIT);
      return { matter, label: { ...PUBLICATION_MATTERS[matter].label }, basis: { ...PUBLICATION_MATTERS[matter].basis }, items };
    });
  }

  /** Recomputes every content hash and link of the village's chain. */
  async verify(actor: Actor, unitId: string): Promise<PublicationVerificationDto> {
    const { unit } = await this.village(actor, unitId, CALENDAR_READERS);
    const rows = await rawQuery<PublicationRow>(this.dataSource, `SELECT ${PUBLICATION_COLUMNS} FROM village_publications WHERE unit_id = $1 ORDER BY chain_seq`, [unit.id]);
    const problems = verifyPublicationChain(
      unit.id,
      rows.map((r) => ({
        content: { unitId: r.unit_id, matter: r.matter, period: r.period, title: r.title, body: r.body },
        link: {
          unitId: r.unit_id,
          seq: Number(r.chain_seq),
          publicationId: r.id,
          contentHash: r.content_hash,
          publishedAt: r.published_at,
          publishedBy: { personId: r.published_by, role: r.published_role, unitId: r.published_role_unit_id },
          prevHash: r.prev_hash,
        },
        storedContentHash: r.content_hash,
        storedHash: r.hash,
      })),
    );
    return { unitId: unit.id, valid: problems.length === 0, publications: rows.length, headHash: rows.at(-1)?.hash ?? null, problems: problems.map((p) => ({ ...p, message: { ...p.message } })) };
  }
}
