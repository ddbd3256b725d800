/**
 * Counts attempts per client address in a sliding window, in process memory (one instance: several
 * instances behind a balancer each count on their own; a restart forgets).
 */
export class AddressRateLimit {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Records an attempt; answers 0 when it is allowed, else the seconds until the next one is. */
  hit(address: string, nowMs: number): number {
    const since = nowMs - this.windowMs;
    const recent = (this.attempts.get(address) ?? []).filter((t) => t > since);
    if (recent.length >= this.max) {
      this.attempts.set(address, recent);
      return Math.max(1, Math.ceil(((recent[recent.length - this.max] as number) + this.windowMs - nowMs) / 1000));
    }
    recent.push(nowMs);
    this.attempts.set(address, recent);
    if (this.attempts.size > 100_000) {
      for (const [key, times] of this.attempts) if (times.every((t) => t <= since)) this.attempts.delete(key);
    }
    return 0;
  }
}
