import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { emQuery } from '../../database/em-query.js';

export interface RateLimitRule {
  /** Names the limit (`objection`, `sign-in-account`, …); each bucket counts its keys apart. */
  readonly bucket: string;
  readonly max: number;
  readonly windowMs: number;
}

/** Every this many recorded attempts, a bucket's rows older than a day (or its window) are swept. */
const SWEEP_EVERY = 500;
const KEPT_MS = 24 * 60 * 60 * 1000;

/**
 * A sliding-window rate limit kept in the database, so that every instance on one PostgreSQL
 * counts the same attempts and a restart forgets nothing. The window is (now − windowMs, now]:
 * while `max` attempts lie in it, the next waits until the oldest of them leaves. `hit` checks and
 * counts in one transaction (on PostgreSQL under a transaction-level advisory lock on the bucket
 * and key, so instances cannot both pass the last place; SQLite has one writer). Meant for rare,
 * abuse-prone requests (public objections, sign-in failures), never for the event path.
 */
@Injectable()
export class SharedRateLimit {
  private recorded = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records an attempt; answers 0 when it is allowed, else the seconds until the next one is. A refused attempt is not counted. */
  async hit(rule: RateLimitRule, key: string, nowMs: number): Promise<number> {
    const wait = await this.dataSource.transaction(async (em) => {
      if (this.dataSource.options.type === 'postgres') await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${rule.bucket}:${key}`]);
      const blocked = await this.waitOf(em, rule, key, nowMs);
      if (blocked === 0) await this.insert(em, rule, key, nowMs);
      return blocked;
    });
    if (wait === 0) await this.counted(rule, nowMs);
    return wait;
  }

  /** The seconds until an attempt would be allowed (0: now), counting nothing. */
  retryAfter(rule: RateLimitRule, key: string, nowMs: number): Promise<number> {
    return this.dataSource.transaction((em) => this.waitOf(em, rule, key, nowMs));
  }

  /** Counts an attempt without asking (e.g. a failed sign-in, counted after it failed). */
  async record(rule: RateLimitRule, key: string, nowMs: number): Promise<void> {
    await this.dataSource.transaction((em) => this.insert(em, rule, key, nowMs));
    await this.counted(rule, nowMs);
  }

  /** Forgets a key's attempts (e.g. an account's failures after it signs in). */
  async clear(rule: RateLimitRule, key: string): Promise<void> {
    await this.dataSource.transaction((em) => emQuery(em, 'DELETE FROM rate_limit_hits WHERE bucket = $1 AND hit_key = $2', [rule.bucket, key]));
  }

  private async waitOf(em: EntityManager, rule: RateLimitRule, key: string, nowMs: number): Promise<number> {
    // the max-th newest attempt in the window: while it is inside, the next attempt waits until it leaves
    const [blocking] = await emQuery<{ at_ms: number | string }>(
      em,
      `SELECT at_ms FROM rate_limit_hits WHERE bucket = $1 AND hit_key = $2 AND at_ms > $3 ORDER BY at_ms DESC LIMIT 1 OFFSET ${rule.max - 1}`,
      [rule.bucket, key, nowMs - rule.windowMs],
    );
    return blocking === undefined ? 0 : Math.max(1, Math.ceil((Number(blocking.at_ms) + rule.windowMs - nowMs) / 1000));
  }

  private async insert(em: EntityManager, rule: RateLimitRule, key: string, nowMs: number): Promise<void> {
    await emQuery(em, 'INSERT INTO rate_limit_hits (bucket, hit_key, at_ms) VALUES ($1, $2, $3)', [rule.bucket, key, nowMs]);
  }

  private async counted(rule: RateLimitRule, nowMs: number): Promise<void> {
    this.recorded += 1;
    if (this.recorded % SWEEP_EVERY !== 0) return;
    const before = nowMs - Math.max(KEPT_MS, rule.windowMs);
    await this.dataSource.transaction((em) => emQuery(em, 'DELETE FROM rate_limit_hits WHERE bucket = $1 AND at_ms < $2', [rule.bucket, before]));
  }
}
