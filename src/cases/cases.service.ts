import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { appliesTo, getProcedure, resolveConfig, settingOf } from '../../workflows/registry.js';
import { covers, scopeOf, scopeSql, type Actor } from '../auth/actor.js';
import { AuditReader } from '../audit/audit-reader.js';
import { AppConfig } from '../config/app-config.js';
import { rawQuery } from '../database/raw-query.js';
import { fromDeadlineRow, type DeadlineRow } from '../deadlines/deadline-row.js';
import { openDeadlinesOf, openDeadlinesQuery } from '../deadlines/open-deadlines.js';
import { UnitEntity } from '../org/unit.entity.js';
import { Clock } from '../timers/clock.js';
import { CaseError, CaseErrorCode } from './case-error.js';
import type { AuditActor } from '../audit/audit-entry.js';
import { planCreate, planRecord, type EventJob, type Plan } from './case-engine.js';
import { SYSTEM_ACTOR_FACT } from './system-actor.js';
import { CASE_COLUMNS, fromCaseRow, type CaseRecord, type CaseRow } from './case-record.js';
import { CaseWriter, type ExtraWrite } from './case-writer.js';
import { actorFactOf, deadlineFieldsOf, etagOf, toCaseDto, type OpenDeadline } from './case.mapper.js';
import type { CaseListQueryDto } from './dto/case-list-query.dto.js';
import type { CaseDto, CasePageDto, EventResultDto } from './dto/case.dto.js';
import type { CreateCaseDto } from './dto/create-case.dto.js';
import type { SendEventDto } from './dto/send-event.dto.js';
import { IdempotencyService } from './idempotency.service.js';
import { UnitDirectory } from './unit-directory.js';

const TIMELINE_LENGTH = 20;
/** How many cases' unchanging facts (unit path, submitter) are remembered; the oldest go first. */
const CASE_FACTS_KEPT = 100_000;

interface CaseFacts {
  readonly unitPath: string;
  readonly submitterId: string | null;
}

export interface EventRequest {
  readonly ifMatch?: string | undefined;
  readonly idempotencyKey?: string | undefined;
  readonly path: string;
}

/** Parses `If-Match: "3"` (a weak `W/"3"` is accepted too). */
export const parseIfMatch = (header: string | undefined): number | null => {
  if (header === undefined) return null;
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim());
  if (!match) throw new CaseError(CaseErrorCode.BadIfMatch, { field: 'If-Match' });
  return Number(match[1]);
};

/**
 * Cases: opening them, reading them in scope, and sending them events through the one writer.
 * A case is visible to anyone holding a role at its unit or above, and to its submitter; to
 * anyone else it does not exist (404).
 */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: CaseWriter,
    private readonly units: UnitDirectory,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditReader,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * The `overdue`/`deadline` fields of the cases an answer shows, from their open deadline rows
   * (one indexed query for a whole page) at the engine clock's now.
   */
  private async deadlinesOf(caseIds: readonly string[]): Promise<(id: string) => { open: readonly OpenDeadline[]; now: string }> {
    const open = await openDeadlinesOf(this.dataSource, [...new Set(caseIds)]);
    const now = this.clock.nowIso();
    return (id) => ({ open: open.filter((d) => d.caseId === id), now });
  }

  /** An answer stored for an Idempotency-Key, replayed: its case view gets the deadline fields as they stand now. */
  private async withDeadlinesNow(body: unknown): Promise<unknown> {
    const view = typeof body === 'object' && body !== null && 'case' in body ? (body.case as CaseDto | null | undefined) : undefined;
    if (typeof view !== 'object' || view === null || !('id' in view && 'procedure' in view && 'allowedEvents' in view)) return body;
    const deadlines = (await this.deadlinesOf([view.id]))(view.id);
    Object.assign(view, deadlineFieldsOf({ procedureId: view.procedure.id, procedureVersion: view.procedure.version }, deadlines.open, deadlines.now));
    return body;
  }

  private readonly caseFacts = new Map<string, CaseFacts>();

  private async findRecord(id: string): Promise<CaseRecord | undefined> {
    const [row] = await rawQuery<CaseRow>(this.dataSource, `SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1`, [id]);
    return row ? fromCaseRow(row) : undefined;
  }

  /** A case the actor may see; 404 otherwise, whether or not it exists. */
  async getVisible(actor: Actor, id: string): Promise<CaseRecord> {
    const record = await this.findRecord(id);
    if (!record || !(covers(actor, record.unitPath) || record.submitterId === actor.personId)) throw new CaseError(CaseErrorCode.CaseNotFound);
    return record;
  }

  async create(actor: Actor, dto: CreateCaseDto): Promise<CaseDto> {
    const definition = getProcedure(dto.procedure, dto.procedureVersion);
    if (!definition) throw new CaseError(CaseErrorCode.ProcedureNotFound, { field: dto.procedureVersion === undefined ? 'procedure' : 'procedureVersion' });
    const unit = await this.dataSource.getRepository(UnitEntity).findOneBy({ id: dto.unitId.toLowerCase() });
    if (!unit || !covers(actor, unit.path)) throw new CaseError(CaseErrorCode.UnitNotFound, { field: 'unitId' });
    const pathUnits = await this.dataSource
      .getRepository(UnitEntity)
      .createQueryBuilder('u')
      .where(':path LIKE u.path || \'%\'', { path: unit.path })
      .orderBy('LENGTH(u.path)', 'ASC')
      .getMany();
    const setting = settingOf(pathUnits.map((u) => ({ kind: u.kind, communityType: u.communityType })));
    if (!this.config.engine.anyProcedure && !appliesTo(definition, { kind: unit.kind, setting })) {
      throw new CaseError(CaseErrorCode.ProcedureNotAllowedHere, { field: 'procedure', details: { unitKind: unit.kind, setting } });
    }
    const config = resolveConfig(definition, dto.config ?? {});
    if (!config.ok) {
      throw new CaseError(CaseErrorCode.InvalidConfig, {
        field: 'config',
        errors: config.errors.map((e) => ({ field: `config.${e.field}`, code: e.code, message: e.message })),
      });
    }
    // The submitter acts in the nearest role they hold over the unit (recorded in the first entry).
    const role = actor.roles
      .filter((r) => r.unitPath === null || unit.path.startsWith(r.unitPath))
      .sort((a, b) => (b.unitPath?.length ?? 0) - (a.unitPath?.length ?? 0))[0];
    const plan = await this.writer.create((globalSeq, now) =>
      planCreate({
        definition,
        unit: { id: unit.id, path: unit.path, kind: unit.kind },
        title: dto.title,
        description: dto.description,
        config: config.config,
        submitter: { personId: actor.personId, role: role?.role ?? null, unitId: role?.unitId ?? null },
        now,
        globalSeq,
      }),
    );
    const unitPath = await this.units.pathOf(unit.path);
    return toCaseDto(plan.record, { actor, unitPath, deadlines: (await this.deadlinesOf([plan.record.id]))(plan.record.id) }, [plan.entry]);
  }

  async get(actor: Actor, id: string): Promise<{ dto: CaseDto; etag: string }> {
    const record = await this.getVisible(actor, id);
    const timeline = await this.audit.latestOfCase(id, TIMELINE_LENGTH);
    const unitPath = await this.units.pathOf(record.unitPath);
    const deadlines = (await this.deadlinesOf([id]))(id);
    return { dto: toCaseDto(record, { actor, unitPath, deadlines }, timeline), etag: etagOf(record.version) };
  }

  async list(actor: Actor, query: CaseListQueryDto): Promise<CasePageDto> {
    const scope = scopeOf(actor);
    const inScope = scopeSql(scope, 'c.unit_path', 'scope');
    const qb = this.dataSource
      .createQueryBuilder()
      .select(CASE_COLUMNS.split(', ').map((c) => `c.${c} AS ${c}`))
      .from('cases', 'c')
      .where(`(${inScope.sql} OR c.submitter_id = :me)`, { ...inScope.params, me: actor.personId });
    if (query.unitId !== undefined) {
      const unit = await this.dataSource.getRepository(UnitEntity).findOneBy({ id: query.unitId.toLowerCase() });
      if (!unit || !covers(actor, unit.path)) throw new CaseError(CaseErrorCode.UnitNotFound, { field: 'unitId' });
      qb.andWhere('c.unit_path LIKE :under', { under: `${unit.path}%` });
    }
    if (query.procedure !== undefined) qb.andWhere('c.procedure_id = :procedure', { procedure: query.procedure });
    if (query.status !== undefined) qb.andWhere('c.status = :status', { status: query.status });
    if (query.state !== undefined) qb.andWhere('(c.state = :state OR c.state LIKE :stateChildren)', { state: query.state, stateChildren: `${query.state}.%` });
    if (query.overdue !== undefined) {
      // overdue: a running deadline of the case has come due (the same test as the `overdue` flag)
      const due = 'EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_id = c.id AND d.closed_at IS NULL AND d.due_at <= :now)';
      qb.andWhere(query.overdue === 'true' ? due : `NOT ${due}`, { now: this.clock.nowIso() });
    }
    if (query.q !== undefined) {
      const like = `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      qb.andWhere("(c.title LIKE :q ESCAPE '\\' OR c.description LIKE :q ESCAPE '\\')", { q: like });
    }
    if (query.cursor !== undefined) {
      const cursor = decodeCursor(query.cursor);
      qb.andWhere('(c.created_at < :cAt OR (c.created_at = :cAt AND c.id < :cId))', { cAt: cursor.createdAt, cId: cursor.id });
    }
    const rows = await qb.orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'DESC').limit(query.limit + 1).getRawMany<CaseRow>();
    const page = rows.slice(0, query.limit).map(fromCaseRow);
    const deadlines = await this.deadlinesOf(page.map((record) => record.id));
    const items = await Promise.all(
      page.map(async (record) => toCaseDto(record, { actor, unitPath: await this.units.pathOf(record.unitPath), deadlines: deadlines(record.id) })),
    );
    const last = page.at(-1);
    return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
  }

  /**
   * Sends an engine (system) event — a meeting result, an objection filed on the public board — to
   * a case through the same writer as any event. Other modules call this; no route exposes it.
   */
  async sendSystemEvent(caseId: string, type: string, payload: Record<string, unknown>, extra: readonly ExtraWrite[] = []): Promise<Plan> {
    const record = await this.findRecord(caseId);
    if (!record) throw new CaseError(CaseErrorCode.CaseNotFound);
    const result = await this.writer.apply(
      { caseId, type, payload, actor: SYSTEM_ACTOR_FACT, unitPath: await this.units.pathOf(record.unitPath), expectedVersion: null },
      { extra, respond: () => ({ status: 200, body: null }) },
    );
    if (!result.applied) throw new Error('a system event without a timer was skipped');
    return result.plan;
  }

  /**
   * Chains a `record` entry (a fact that does not move the case) into a case's trail, with the
   * rows that go with it, in one transaction. `extra` may throw to refuse: nothing is written.
   */
  async appendRecord(
    caseId: string,
    entry: { eventType: string; payload: unknown; actor: AuditActor },
    extra?: (plan: Plan, record: CaseRecord) => readonly ExtraWrite[],
  ): Promise<Plan> {
    let before: CaseRecord | undefined;
    return this.writer.appendRecord(
      caseId,
      (record, globalSeq, now) => {
        before = record;
        return planRecord({ record, ...entry, now, globalSeq });
      },
      extra === undefined ? undefined : (plan) => extra(plan, before as CaseRecord),
    );
  }

  /**
   * Scope from a case's facts that never change — its unit (units never move) and its submitter —
   * remembered per case, so the plain event path reads the case only once, in the writer's
   * transaction (which answers 404 itself if the case is gone). 404 when the actor may not see it.
   */
  private async visibleFacts(actor: Actor, id: string): Promise<CaseFacts> {
    let facts = this.caseFacts.get(id);
    if (facts === undefined) {
      const record = await this.findRecord(id);
      if (!record) throw new CaseError(CaseErrorCode.CaseNotFound);
      facts = this.remember(record);
    }
    if (!(covers(actor, facts.unitPath) || facts.submitterId === actor.personId)) throw new CaseError(CaseErrorCode.CaseNotFound);
    return facts;
  }

  private remember(record: CaseRecord): CaseFacts {
    const facts = { unitPath: record.unitPath, submitterId: record.submitterId };
    this.caseFacts.set(record.id, facts);
    if (this.caseFacts.size > CASE_FACTS_KEPT) this.caseFacts.delete(this.caseFacts.keys().next().value as string);
    return facts;
  }

  async sendEvent(actor: Actor, id: string, dto: SendEventDto, request: EventRequest): Promise<{ status: number; body: unknown; etag?: string }> {
    const expectedVersion = parseIfMatch(request.ifMatch);
    const key = IdempotencyService.parseKey(request.idempotencyKey);
    let facts: CaseFacts;
    if (expectedVersion === null && key === undefined) {
      // nothing to answer from the version before the writer: scope (404) is all there is
      facts = await this.visibleFacts(actor, id);
    } else {
      // If-Match (412 from the version seen now; 409 only when a write wins in between) and
      // Idempotency-Key (taken only after 404 and 412) need the case as it is now
      const record = await this.getVisible(actor, id);
      facts = this.remember(record);
      if (expectedVersion !== null && expectedVersion !== record.version) {
        throw new CaseError(CaseErrorCode.VersionMismatch, { headers: { ETag: etagOf(record.version) }, details: { version: record.version } });
      }
      if (key !== undefined) {
        const start = await this.idempotency.begin(actor.personId, key, IdempotencyService.fingerprint({ method: 'POST', path: request.path, body: dto }));
        if (start.kind === 'replay') return { status: start.status, body: await this.withDeadlinesNow(start.body) };
      }
    }
    const unitPath = await this.units.pathOf(facts.unitPath);
    const job: EventJob = {
      caseId: id,
      type: dto.type,
      payload: dto.payload ?? {},
      actor: actorFactOf(actor, unitPath),
      unitPath,
      expectedVersion,
    };
    try {
      const result = await this.writer.apply(job, {
        ...(key !== undefined ? { idempotency: { actorId: actor.personId, key } } : {}),
        // the case's open deadlines as this event left them, read in its transaction
        readAfter: openDeadlinesQuery([id]),
        // (stored for an Idempotency-Key without the deadline fields: a replay shows them as they stand then)
        respond: (plan) => {
          const body: EventResultDto = {
            case: toCaseDto(plan.record, { actor, unitPath }),
            receipt: { caseSeq: plan.entry.caseSeq, globalSeq: plan.entry.globalSeq, hash: plan.entry.hash },
          };
          return { status: 200, body };
        },
      });
      if (!result.applied) throw new Error('an event without a timer was skipped');
      const view = (result.response.body as EventResultDto).case;
      Object.assign(view, deadlineFieldsOf(result.plan.record, ((result.rows ?? []) as DeadlineRow[]).map(fromDeadlineRow), this.clock.nowIso()));
      return { ...result.response, etag: etagOf(result.plan.record.version) };
    } catch (error) {
      if (key !== undefined) await this.idempotency.release(actor.personId, key);
      throw error;
    }
  }
}

const encodeCursor = (record: CaseRecord): string => Buffer.from(JSON.stringify([record.createdAt, record.id])).toString('base64url');

const decodeCursor = (cursor: string): { createdAt: string; id: string } => {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string') return { createdAt, id };
  } catch {
    // fall through
  }
  throw new CaseError(CaseErrorCode.InvalidCursor, { field: 'cursor' });
};

