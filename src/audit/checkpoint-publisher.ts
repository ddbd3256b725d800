import { Injectable, Logger } from '@nestjs/common';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../timers/clock.js';
import type { StoredCheckpoint } from './checkpoint.service.js';

export interface PublicationFailure {
  readonly target: string;
  readonly treeSize: number;
  readonly attempts: number;
  readonly error: string;
  readonly at: string;
}

/** One publication target as /health shows it. */
export interface PublicationTargetStatus {
  /** The directory, or the URL. */
  readonly target: string;
  readonly kind: 'directory' | 'url';
  /** When a checkpoint was last delivered there (null: never since the start). */
  readonly lastOk: string | null;
  /** The last failure, kept after a later success so a flapping target shows. */
  readonly lastError: { readonly at: string; readonly message: string } | null;
  /** Since when deliveries have been failing without a success in between (null: not failing). */
  readonly failingSince: string | null;
  /** Checkpoints waiting to be delivered there. */
  readonly pending: number;
}

interface Pending {
  readonly checkpoint: StoredCheckpoint;
  attempts: number;
  error: string;
  at: string;
}

interface Target {
  readonly kind: 'directory' | 'url';
  readonly queue: Pending[];
  lastOk: string | null;
  lastError: { at: string; message: string } | null;
  failingSince: string | null;
}

const MAX_QUEUED = 100;

/** fetch() says only "fetch failed": the cause (ECONNREFUSED, …) is what an operator needs. */
const describe = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause === undefined ? error.message : `${error.message}: ${cause.code ?? cause.message ?? 'unknown cause'}`;
};
const TIMEOUT_MS = 10_000;

/**
 * Publishes each signed checkpoint outside the server: a file in MINYI_CHECKPOINT_PUBLISH_DIR
 * (`checkpoint-<size>.txt` and `latest.txt`), and a POST (text/plain, the note) to every
 * MINYI_CHECKPOINT_PUBLISH_URLS address. A delivery that fails (a write error; a network error or
 * a status other than 2xx) stays queued and is retried on every checkpoint tick until it succeeds
 * (at most 100 queued per target; the oldest are dropped first, and the latest checkpoint always
 * stays: it is consistent with every earlier one). `status` is what /health shows.
 */
@Injectable()
export class CheckpointPublisher {
  private readonly log = new Logger(CheckpointPublisher.name);
  private readonly targets = new Map<string, Target>();

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    const dir = config.audit.publishDir ?? null;
    if (dir !== null) this.targets.set(dir, { kind: 'directory', queue: [], lastOk: null, lastError: null, failingSince: null });
    for (const url of config.audit.publishUrls ?? []) this.targets.set(url, { kind: 'url', queue: [], lastOk: null, lastError: null, failingSince: null });
  }

  /** Deliveries that failed and are still pending, oldest first per target. */
  get failures(): PublicationFailure[] {
    return [...this.targets].flatMap(([target, t]) =>
      t.queue.filter((q) => q.attempts > 0).map((q) => ({ target, treeSize: q.checkpoint.treeSize, attempts: q.attempts, error: q.error, at: q.at })),
    );
  }

  /** Every configured target, delivering or not. */
  status(): PublicationTargetStatus[] {
    return [...this.targets].map(([target, t]) => ({
      target,
      kind: t.kind,
      lastOk: t.lastOk,
      lastError: t.lastError === null ? null : { ...t.lastError },
      failingSince: t.failingSince,
      pending: t.queue.length,
    }));
  }

  async publish(checkpoint: StoredCheckpoint): Promise<void> {
    for (const target of this.targets.values()) {
      target.queue.push({ checkpoint, attempts: 0, error: '', at: this.clock.nowIso() });
      while (target.queue.length > MAX_QUEUED) target.queue.shift();
    }
    await this.retry();
  }

  /** Delivers what is queued, oldest first per target; stops at a target's first failure. */
  async retry(): Promise<void> {
    await Promise.all(
      [...this.targets].map(async ([name, target]) => {
        while (target.queue.length > 0) {
          const head = target.queue[0] as Pending;
          try {
            if (target.kind === 'directory') this.write(name, head.checkpoint);
            else await this.post(name, head.checkpoint);
            target.queue.shift();
            target.lastOk = this.clock.nowIso();
            target.failingSince = null;
          } catch (error) {
            const at = this.clock.nowIso();
            head.attempts += 1;
            head.error = describe(error);
            head.at = at;
            target.lastError = { at, message: head.error };
            target.failingSince ??= at;
            this.log.warn(`publishing checkpoint ${head.checkpoint.treeSize} to ${name} failed (attempt ${head.attempts}): ${head.error}`);
            return;
          }
        }
      }),
    );
  }

  private write(dir: string, checkpoint: StoredCheckpoint): void {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `checkpoint-${String(checkpoint.treeSize).padStart(12, '0')}.txt`), checkpoint.note);
    writeFileSync(join(dir, 'latest.txt.tmp'), checkpoint.note);
    renameSync(join(dir, 'latest.txt.tmp'), join(dir, 'latest.txt'));
  }

  private async post(url: string, checkpoint: StoredCheckpoint): Promise<void> {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-minyi-tree-size': String(checkpoint.treeSize) },
      body: checkpoint.note,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  }
}
