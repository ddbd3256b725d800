import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { CaseError, CaseErrorCode } from '../cases/case-error.js';
import { CasesService } from '../cases/cases.service.js';
import { UnitDirectory } from '../cases/unit-directory.js';
import { AppConfig } from '../config/app-config.js';
import { resolveJwtSecret } from '../config/jwt-secret.js';
import { rawQuery } from '../database/raw-query.js';
import { isUniqueViolation, isUniqueViolationOn } from '../database/unique-violation.js';
import { SharedRateLimit, type RateLimitRule } from '../common/rate-limit/shared-rate-limit.js';
import { Clock } from '../timers/clock.js';
import { OBJECTION_LIMITS, type FileObjectionDto } from './dto/file-objection.dto.js';
import type { ObjectionFormDto, ObjectionListDto, ObjectionReceiptDto } from './dto/notice.dto.js';
import { mayReadObjections } from './notice-access.js';
import { NoticeError, NoticeErrorCode, periodClosed } from './notice-error.js';
import { OBJECTION_FILED } from './notice-hook.js';
import { OBJECTION_COLUMNS, publicStatusOf, type NoticeRecord, type ObjectionRow } from './notice-row.js';
import { NoticesService } from './notices.service.js';
import { MAX_FORM_AGE_MS, MIN_FORM_AGE_MS, ObjectionFormTokens } from './objection-form-token.js';

/** Objection submissions per client address per hour (every attempt counts, accepted or not). */
export const OBJECTIONS_PER_ADDRESS_PER_HOUR = 10;
/** Attempts per client address, shared by every instance (src/common/rate-limit). */
const OBJECTION_RATE_LIMIT: RateLimitRule = { bucket: 'objection', max: OBJECTIONS_PER_ADDRESS_PER_HOUR, windowMs: 60 * 60 * 1000 };
const formUsed = () => new NoticeError(NoticeErrorCode.FormInvalid, { field: 'formToken', details: { reason: 'used' } });
export const HONEYPOT_FIELD = 'website';

/** The same objection in other words of whitespace or case is the same objection. */
export const objectionTextHash = (text: string): string =>
  createHash('sha256').update(text.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase()).digest('hex');

/**
 * Objections: filed by anyone on the public board while a notice runs, stored with the
 * `objection.filed` entry that puts them before the procedure (one transaction), read with their
 * contacts by the staff who answer them. Answers are case events (`objection.uphold` /
 * `objection.dismiss`); the notice hook marks the rows.
 */
@Injectable()
export class ObjectionsService {
  private readonly tokens: ObjectionFormTokens;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notices: NoticesService,
    private readonly cases: CasesService,
    private readonly units: UnitDirectory,
    private readonly clock: Clock,
    private readonly rateLimit: SharedRateLimit,
    config: AppConfig,
  ) {
    // a key of its own, derived from the server secret: form tokens can never pass for sign-in tokens
    this.tokens = new ObjectionFormTokens(createHmac('sha256', resolveJwtSecret(config)).update('minyi/objection-form/v1').digest());
  }

  async form(noticeId: string): Promise<ObjectionFormDto> {
    const notice = await this.notices.find(noticeId);
    const now = this.clock.now().getTime();
    this.refuseClosed(notice);
    return {
      formToken: this.tokens.issue(notice.id, now),
      notBefore: new Date(now + MIN_FORM_AGE_MS).toISOString(),
      expiresAt: new Date(now + MAX_FORM_AGE_MS).toISOString(),
      honeypotField: HONEYPOT_FIELD,
      maxLength: { ...OBJECTION_LIMITS },
    };
  }

  private refuseClosed(notice: NoticeRecord): void {
    if (publicStatusOf(notice, this.clock.nowIso()) === 'running') return;
    throw periodClosed(notice.status === 'withdrawn' ? (notice.closedAt ?? notice.endsAt) : notice.endsAt);
  }

  async file(noticeId: string, dto: FileObjectionDto, address: string): Promise<ObjectionReceiptDto> {
    const nowMs = this.clock.now().getTime();
    const wait = await this.rateLimit.hit(OBJECTION_RATE_LIMIT, address, nowMs);
    if (wait > 0) throw new NoticeError(NoticeErrorCode.RateLimited, { headers: { 'Retry-After': String(wait) }, details: { retryAfterSeconds: wait } });
    if (dto.website !== undefined && dto.website !== '') throw new NoticeError(NoticeErrorCode.SpamSuspected, { field: HONEYPOT_FIELD });
    const notice = await this.notices.find(noticeId);
    this.refuseClosed(notice);
    const check = this.tokens.check(dto.formToken, notice.id, nowMs);
    if (!check.ok) {
      if (check.reason === 'fresh') {
        throw new NoticeError(NoticeErrorCode.FormTooFresh, { headers: { 'Retry-After': String(check.retryAfterSeconds) }, details: { retryAfterSeconds: check.retryAfterSeconds } });
      }
      throw new NoticeError(NoticeErrorCode.FormInvalid, { field: 'formToken', details: { reason: check.reason } });
    }
    // a form carries one objection, whichever instance it reaches (the nonce is stored with the objection)
    const spent = await rawQuery(this.dataSource, 'SELECT 1 AS found FROM objection_form_nonces WHERE nonce = $1', [check.nonce]);
    if (spent.length > 0) throw formUsed();
    const textHash = objectionTextHash(dto.text);
    const duplicate = await rawQuery(this.dataSource, 'SELECT 1 AS found FROM objections WHERE notice_id = $1 AND text_hash = $2', [notice.id, textHash]);
    if (duplicate.length > 0) throw new NoticeError(NoticeErrorCode.DuplicateObjection, { field: 'text' });

    const id = randomUUID();
    const now = this.clock.nowIso();
    const closed = new NoticeError(NoticeErrorCode.PeriodClosed);
    try {
      const plan = await this.cases.sendSystemEvent(notice.caseId, OBJECTION_FILED, { objectionId: id, text: dto.text }, [
        // the period is checked again inside the transaction: an end that passed meanwhile refuses all
        {
          sql: "UPDATE notices SET objection_count = objection_count + 1 WHERE id = $1 AND status = 'running' AND ends_at > $2",
          params: [notice.id, now],
          expectChanges: 1,
          error: closed,
        },
        // a form spent meanwhile (another request, another instance) violates the key and refuses the whole objection
        { sql: 'INSERT INTO objection_form_nonces (nonce, spent_at) VALUES ($1, $2)', params: [check.nonce, now] },
        {
          sql: `INSERT INTO objections (${OBJECTION_COLUMNS}) VALUES (${OBJECTION_COLUMNS.split(', ').map((_, i) => `$${i + 1}`).join(', ')})`,
          params: [id, notice.id, notice.caseId, dto.name, dto.contact, dto.text, textHash, 'pending', now, 0, null, null, null, null],
        },
      ]);
      return { id, noticeId: notice.id, status: 'pending', filedAt: plan.entry.recordedAt, receiptHash: plan.entry.hash };
    } catch (error) {
      if (error === closed || (error instanceof CaseError && error.code === CaseErrorCode.EventNotAllowed)) {
        const latest = await this.notices.find(notice.id);
        throw periodClosed(latest.status === 'withdrawn' ? (latest.closedAt ?? latest.endsAt) : (latest.periodEndedAt ?? latest.endsAt));
      }
      if (isUniqueViolationOn(error, 'objection_form_nonces')) throw formUsed();
      if (isUniqueViolation(error)) throw new NoticeError(NoticeErrorCode.DuplicateObjection, { field: 'text' });
      throw error;
    }
  }

  /** A notice's objections with contacts, for the staff who answer them and supervisors (404 / 403 otherwise). */
  async list(actor: Actor, noticeId: string): Promise<ObjectionListDto> {
    const notice = await this.notices.find(noticeId);
    const record = await this.cases.getVisible(actor, notice.caseId).catch(() => {
      throw new NoticeError(NoticeErrorCode.NoticeNotFound);
    });
    if (!(await mayReadObjections(this.units, actor, record))) throw new NoticeError(NoticeErrorCode.NoticeForbidden);
    const rows = await rawQuery<ObjectionRow>(this.dataSource, `SELECT ${OBJECTION_COLUMNS} FROM objections WHERE notice_id = $1 ORDER BY filed_seq, id`, [notice.id]);
    const trail = await this.filedEntries(rows.map((r) => Number(r.filed_seq)));
    return {
      items: rows.map((r) => ({
        ...this.trailCheck(r, trail.get(Number(r.filed_seq))),
        id: r.id,
        noticeId: r.notice_id,
        name: r.name,
        contact: r.contact,
        text: r.text,
        status: r.status,
        filedAt: r.filed_at,
        filedSeq: Number(r.filed_seq),
        answerReason: r.answer_reason,
        answeredBy: r.answered_by,
        answeredAt: r.answered_at,
      })),
    };
  }

  /** The `objection.filed` entries that recorded these objections, by global sequence. */
  private async filedEntries(seqs: readonly number[]): Promise<Map<number, { hash: string; payload: unknown }>> {
    const wanted = seqs.filter((s) => s > 0);
    if (wanted.length === 0) return new Map();
    const rows = await rawQuery<{ global_seq: number | string; hash: string; payload: string; event_type: string }>(
      this.dataSource,
      `SELECT global_seq, hash, payload, event_type FROM audit_entries WHERE global_seq IN (${wanted.map((_, i) => `$${i + 1}`).join(', ')})`,
      wanted,
    );
    return new Map(rows.filter((r) => r.event_type === OBJECTION_FILED).map((r) => [Number(r.global_seq), { hash: r.hash, payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as unknown) : (r.payload as unknown) }]));
  }

  /**
   * The stored text against the text its audit entry recorded: a row edited behind the trail's back
   * shows `textMatchesTrail: false` and the recorded text. Entries from before the text was chained
   * carry only the id (null). Whether the entry itself is intact is audit verification's job.
   */
  private trailCheck(row: ObjectionRow, entry: { hash: string; payload: unknown } | undefined): { receiptHash: string | null; textMatchesTrail: boolean | null; trailText: string | null } {
    const payload = (entry?.payload ?? {}) as { objectionId?: unknown; text?: unknown };
    if (!entry || payload.objectionId !== row.id) return { receiptHash: null, textMatchesTrail: entry ? false : null, trailText: null };
    if (typeof payload.text !== 'string') return { receiptHash: entry.hash, textMatchesTrail: null, trailText: null };
    const matches = payload.text === row.text;
    return { receiptHash: entry.hash, textMatchesTrail: matches, trailText: matches ? null : payload.text };
  }
}
