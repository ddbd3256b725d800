import { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SharedAbuseDefences1796500000000 } from '../../database/migrations/1796500000000-SharedAbuseDefences.js';
import { SharedRateLimit } from './shared-rate-limit.js';

const HOUR = 60 * 60 * 1000;
const RULE = { bucket: 'objection', max: 3, windowMs: HOUR };
const T0 = Date.parse('2026-05-01T00:00:00.000Z');

describe(SharedRateLimit.name, () => {
  let dataSource: DataSource;
  let sut: SharedRateLimit;

  beforeEach(async () => {
    dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:', migrations: [SharedAbuseDefences1796500000000] });
    await dataSource.initialize();
    await dataSource.runMigrations();
    sut = new SharedRateLimit(dataSource);
  });
  afterEach(async () => {
    await dataSource.destroy();
  });

  it('allows exactly max attempts in the window; the next waits until the oldest leaves it', async () => {
    expect(await sut.hit(RULE, 'a', T0)).toBe(0);
    expect(await sut.hit(RULE, 'a', T0 + 1_000)).toBe(0);
    expect(await sut.hit(RULE, 'a', T0 + 2_000)).toBe(0);
    // the fourth within the hour: until T0 + 1 h, measured from T0 + 10 min
    expect(await sut.hit(RULE, 'a', T0 + 10 * 60_000)).toBe(50 * 60);
    // a refused attempt is not counted: at exactly T0 + 1 h the first has left (the window is (now − 1 h, now])
    expect(await sut.hit(RULE, 'a', T0 + HOUR)).toBe(0);
    // now T0 + 1 s, + 2 s and + 1 h are inside: the next waits for T0 + 1 s to leave (at least 1 s)
    expect(await sut.hit(RULE, 'a', T0 + HOUR + 500)).toBe(1);
  });

  it('counts keys and buckets apart', async () => {
    for (let i = 0; i < 3; i += 1) expect(await sut.hit(RULE, 'a', T0 + i)).toBe(0);
    expect(await sut.hit(RULE, 'a', T0 + 3)).toBeGreaterThan(0);
    expect(await sut.hit(RULE, 'b', T0 + 3)).toBe(0);
    expect(await sut.hit({ ...RULE, bucket: 'sign-in' }, 'a', T0 + 3)).toBe(0);
  });
});
