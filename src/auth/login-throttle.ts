import type { RateLimitRule, SharedRateLimit } from '../common/rate-limit/shared-rate-limit.js';

/**
 * Counts failed sign-ins per account and per client address in a sliding window, in the database
 * (src/common/rate-limit): every instance on one PostgreSQL counts the same failures and a restart
 * forgets none. Unknown usernames are counted like real ones, so a lock-out reveals nothing about
 * existence. A success clears the account's count (not the address's).
 */
export class LoginThrottle {
  private readonly account: RateLimitRule;
  private readonly address: RateLimitRule;

  constructor(
    limits: { maxFailuresPerAccount: number; maxFailuresPerAddress: number; windowSeconds: number },
    private readonly counts: SharedRateLimit,
    /** Milliseconds now: the engine clock in the app (auth.module.ts). */
    private readonly now: () => number = Date.now,
  ) {
    this.account = { bucket: 'sign-in-account', max: limits.maxFailuresPerAccount, windowMs: limits.windowSeconds * 1000 };
    this.address = { bucket: 'sign-in-address', max: limits.maxFailuresPerAddress, windowMs: limits.windowSeconds * 1000 };
  }

  /** Seconds until the caller may try again, or 0 when allowed. */
  async retryAfter(username: string, address: string): Promise<number> {
    const now = this.now();
    return Math.max(await this.counts.retryAfter(this.account, username, now), await this.counts.retryAfter(this.address, address, now));
  }

  async recordFailure(username: string, address: string): Promise<void> {
    const now = this.now();
    await this.counts.record(this.account, username, now);
    await this.counts.record(this.address, address, now);
  }

  async recordSuccess(username: string): Promise<void> {
    await this.counts.clear(this.account, username);
  }
}
