import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { sha256Hex } from '../audit/audit-entry.js';
import { canonicalJson } from '../audit/canonical-json.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { rawQuery } from '../database/raw-query.js';
import { Clock } from '../timers/clock.js';
import { CaseError, CaseErrorCode } from './case-error.js';

/** A pending key older than this belongs to a request that died: a retry may take it over. */
const ABANDONED_AFTER_MS = 5 * 60 * 1000;
const KEY = /^[\x21-\x7e]{1,200}$/;

export type IdempotencyStart = { readonly kind: 'proceed' } | { readonly kind: 'replay'; readonly status: number; readonly body: unknown };

interface KeyRow {
  fingerprint: string;
  state: string;
  status_code: number | null;
  response: string | null;
  created_at: string;
}

/**
 * `Idempotency-Key`: the first request with a key proceeds and its answer is stored in the same
 * transaction as its event; the same key and body later replays that answer; the same key with
 * another body is refused; while the first is still running, a second gets 409. A request that
 * fails writes nothing, so its key is released for a retry.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  static parseKey(header: string | string[] | undefined): string | undefined {
    if (header === undefined) return undefined;
    const key = Array.isArray(header) ? header[0] : header;
    if (key === undefined || !KEY.test(key)) throw new CaseError(CaseErrorCode.BadIdempotencyKey, { field: 'Idempotency-Key' });
    return key;
  }

  static fingerprint(request: { method: string; path: string; body: unknown }): string {
    return sha256Hex(canonicalJson(request));
  }

  async begin(actorId: string, key: string, fingerprint: string): Promise<IdempotencyStart> {
    const now = this.clock.now();
    try {
      await rawQuery(this.dataSource, "INSERT INTO idempotency_keys (actor_id, idempotency_key, fingerprint, state, created_at) VALUES ($1, $2, $3, 'pending', $4)", [
        actorId,
        key,
        fingerprint,
        now.toISOString(),
      ]);
      return { kind: 'proceed' };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const [row] = await rawQuery<KeyRow>(
      this.dataSource,
      'SELECT fingerprint, state, status_code, response, created_at FROM idempotency_keys WHERE actor_id = $1 AND idempotency_key = $2',
      [actorId, key],
    );
    if (!row) return this.begin(actorId, key, fingerprint);
    if (row.fingerprint !== fingerprint) throw new CaseError(CaseErrorCode.IdempotencyKeyReused, { field: 'Idempotency-Key' });
    if (row.state === 'done') return { kind: 'replay', status: Number(row.status_code), body: JSON.parse(row.response ?? 'null') as unknown };
    if (now.getTime() - Date.parse(row.created_at) > ABANDONED_AFTER_MS) {
      await rawQuery(this.dataSource, 'UPDATE idempotency_keys SET created_at = $1 WHERE actor_id = $2 AND idempotency_key = $3 AND created_at = $4', [
        now.toISOString(),
        actorId,
        key,
        row.created_at,
      ]);
      return { kind: 'proceed' };
    }
    throw new CaseError(CaseErrorCode.IdempotencyInFlight, { field: 'Idempotency-Key' });
  }

  /** The request failed and wrote nothing: free the key. */
  async release(actorId: string, key: string): Promise<void> {
    await rawQuery(this.dataSource, "DELETE FROM idempotency_keys WHERE actor_id = $1 AND idempotency_key = $2 AND state = 'pending'", [actorId, key]);
  }
}
