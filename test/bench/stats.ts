/** Nearest-rank percentile of an ascending-sorted list (p in 0–100). */
export const percentile = (sorted: Float64Array | readonly number[], p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
};

/** Latencies in ms, appended without reallocating on every push. */
export class Samples {
  private data = new Float64Array(1 << 16);
  private size = 0;

  push(ms: number): void {
    if (this.size === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.size++] = ms;
  }

  get count(): number {
    return this.size;
  }

  sorted(): Float64Array {
    return this.data.slice(0, this.size).sort();
  }
}

export const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

export const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
