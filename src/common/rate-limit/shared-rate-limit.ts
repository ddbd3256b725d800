import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { emQuery } from '../../database/em-query.js';

export interface RateLimitRule {
  /** Names the limit (`objection`, …); each bucket counts its keys apart. */
  readonly bucket: string;
  readonly max: number;
  readonly windowMs: number;
}

/** Every this many hits, rows older than a day are swept from the table. */
const SWEEP_EVERY = 500;
const KEPT_MS = 24 * 60 * 60 * 1000;

/**
 * A sliding-window rate limit kept in the database, so that every instance on one PostgreSQL
 * counts the same attempts and a restart forgets nothing. Each hit is one transaction: on
 * PostgreSQL a transaction-level advisory lock on (bucket, key) serialises the count and the
 * insert across instances; SQLite has one writer. Meant for rare, abuse-prone requests (public
 * objections), never for the event path.
 */
@Injectable()
export class SharedRateLimit {
  private hits = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records an attempt; answers 0 when it is allowed, else the seconds until the next one is. A refused attempt is not counted. */
  async hit(rule: RateLimitRule, key: string, nowMs: number): Promise<number> {
    const since = nowMs - rule.windowMs;
    const wait = await this.dataSource.transaction(async (em) => {
      if (this.dataSource.options.type === 'postgres') await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${rule.bucket}:${key}`]);
      // the max-th newest attempt in the window: while it is inside, the next attempt waits until it leaves
      const [blocking] = await emQuery<{ at_ms: number | string }>(
        em,
        `SELECT at_ms FROM rate_limit_hits WHERE bucket = $1 AND hit_key = $2 AND at_ms > $3 ORDER BY at_ms DESC LIMIT 1 OFFSET ${rule.max - 1}`,
        [rule.bucket, key, since],
      );
      if (blocking !== undefined) return Math.max(1, Math.ceil((Number(blocking.at_ms) + rule.windowMs - nowMs) / 1000));
      await emQuery(em, 'INSERT INTO rate_limit_hits (bucket, hit_key, at_ms) VALUES ($1, $2, $3)', [rule.bucket, key, nowMs]);
      return 0;
    });
    this.hits += 1;
    if (this.hits % SWEEP_EVERY === 0) await this.sweep(rule.bucket, nowMs - Math.max(KEPT_MS, rule.windowMs));
    return wait;
  }

  private async sweep(bucket: string, before: number): Promise<void> {
    await this.dataSource.transaction((em) => emQuery(em, 'DELETE FROM rate_limit_hits WHERE bucket = $1 AND at_ms < $2', [bucket, before]));
  }
}
