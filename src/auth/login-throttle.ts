/**
 * Counts failed sign-ins per account and per client address in a sliding window, in memory.
 * Unknown usernames are counted like real ones, so a lock-out reveals nothing about existence.
 * One process only: several instances behind a balancer each keep their own counts.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: { maxFailuresPerAccount: number; maxFailuresPerAddress: number; windowSeconds: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the caller may try again, or 0 when allowed. */
  retryAfter(username: string, address: string): number {
    return Math.max(
      this.wait(`u:${username}`, this.limits.maxFailuresPerAccount),
      this.wait(`a:${address}`, this.limits.maxFailuresPerAddress),
    );
  }

  recordFailure(username: string, address: string): void {
    for (const key of [`u:${username}`, `a:${address}`]) {
      const recent = this.recent(key);
      recent.push(this.now());
      this.failures.set(key, recent);
    }
    if (this.failures.size > 100_000) this.sweep();
  }

  recordSuccess(username: string): void {
    this.failures.delete(`u:${username}`);
  }

  private wait(key: string, max: number): number {
    const recent = this.recent(key);
    if (recent.length < max) return 0;
    const oldest = recent[recent.length - max] as number;
    return Math.max(1, Math.ceil((oldest + this.limits.windowSeconds * 1000 - this.now()) / 1000));
  }

  private recent(key: string): number[] {
    const since = this.now() - this.limits.windowSeconds * 1000;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }

  private sweep(): void {
    for (const key of [...this.failures.keys()]) {
      if (this.recent(key).length === 0) this.failures.delete(key);
    }
  }
}
