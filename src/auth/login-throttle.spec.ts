import { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { SharedRateLimit } from '../common/rate-limit/shared-rate-limit.js';
import { SharedAbuseDefences1796500000000 } from '../database/migrations/1796500000000-SharedAbuseDefences.js';
import { LoginThrottle } from './login-throttle.js';

describe(LoginThrottle.name, () => {
  const sources: DataSource[] = [];
  afterEach(async () => {
    for (const source of sources.splice(0)) await source.destroy();
  });

  /** A throttle on a fresh database; `again()` is a second throttle (another instance) on the same one. */
  const build = async () => {
    const dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:', migrations: [SharedAbuseDefences1796500000000] });
    await dataSource.initialize();
    await dataSource.runMigrations();
    sources.push(dataSource);
    let now = Date.parse('2026-05-01T00:00:00.000Z');
    const limits = { maxFailuresPerAccount: 3, maxFailuresPerAddress: 5, windowSeconds: 60 };
    const again = () => new LoginThrottle(limits, new SharedRateLimit(dataSource), () => now);
    return { sut: again(), again, advance: (ms: number) => (now += ms) };
  };

  it('locks an account after its limit of failures, from any address, until the window passes', async () => {
    const { sut, advance } = await build();
    for (const address of ['a1', 'a2']) await sut.recordFailure('wang', address);
    expect(await sut.retryAfter('wang', 'a4')).toBe(0);
    await sut.recordFailure('wang', 'a3');
    expect(await sut.retryAfter('wang', 'a4')).toBe(60);
    advance(30_000);
    expect(await sut.retryAfter('wang', 'a4')).toBe(30);
    advance(30_000);
    // exactly a window after the failures they have left it
    expect(await sut.retryAfter('wang', 'a4')).toBe(0);
  });

  it('locks an address that tries many accounts', async () => {
    const { sut } = await build();
    for (const user of ['u1', 'u2', 'u3', 'u4', 'u5']) await sut.recordFailure(user, 'addr');
    expect(await sut.retryAfter('u6', 'addr')).toBeGreaterThan(0);
    expect(await sut.retryAfter('u6', 'other')).toBe(0);
  });

  it('a success clears the account count, not the address count', async () => {
    const { sut } = await build();
    await sut.recordFailure('wang', 'a');
    await sut.recordFailure('wang', 'a');
    await sut.recordSuccess('wang');
    await sut.recordFailure('wang', 'a');
    expect(await sut.retryAfter('wang', 'b')).toBe(0);
    await sut.recordFailure('li', 'a');
    await sut.recordFailure('zhao', 'a');
    // five failures from address a, whatever the successes
    expect(await sut.retryAfter('chen', 'a')).toBeGreaterThan(0);
  });

  it('another instance on the same database sees the same failures', async () => {
    const { sut, again } = await build();
    for (const address of ['a1', 'a2', 'a3']) await sut.recordFailure('wang', address);
    expect(await again().retryAfter('wang', 'elsewhere')).toBe(60);
  });
});
