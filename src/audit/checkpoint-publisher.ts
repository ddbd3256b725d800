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

const MAX_QUEUED = 100;
const TIMEOUT_MS = 10_000;

/**
 * Publishes each signed checkpoint outside the server: a file in MINYI_CHECKPOINT_PUBLISH_DIR
 * (`checkpoint-<size>.txt` and `latest.txt`), and a POST (text/plain, the note) to every
 * MINYI_CHECKPOINT_PUBLISH_URLS address. A POST that fails (network error or a status other than
 * 2xx) stays queued and is retried on every checkpoint tick until accepted (at most 100 queued per
 * address; the oldest are dropped first, and the latest checkpoint always stays: it is consistent
 * with every earlier one). `failures` holds what is still pending, for monitoring.
 */
@Injectable()
export class CheckpointPublisher {
  private readonly log = new Logger(CheckpointPublisher.name);
  private readonly queues = new Map<string, { checkpoint: StoredCheckpoint; attempts: number; error: string; at: string }[]>();

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get failures(): PublicationFailure[] {
    return [...this.queues].flatMap(([target, queue]) =>
      queue.filter((q) => q.attempts > 0).map((q) => ({ target, treeSize: q.checkpoint.treeSize, attempts: q.attempts, error: q.error, at: q.at })),
    );
  }

  async publish(checkpoint: StoredCheckpoint): Promise<void> {
    const dir = this.config.audit.publishDir ?? null;
    if (dir !== null) {
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, `checkpoint-${String(checkpoint.treeSize).padStart(12, '0')}.txt`), checkpoint.note);
        writeFileSync(join(dir, 'latest.txt.tmp'), checkpoint.note);
        renameSync(join(dir, 'latest.txt.tmp'), join(dir, 'latest.txt'));
      } catch (error) {
        this.log.error(`could not publish checkpoint ${checkpoint.treeSize} to ${dir}: ${String(error)}`);
      }
    }
    for (const url of this.config.audit.publishUrls ?? []) {
      const queue = this.queues.get(url) ?? [];
      queue.push({ checkpoint, attempts: 0, error: '', at: this.clock.nowIso() });
      while (queue.length > MAX_QUEUED) queue.shift();
      this.queues.set(url, queue);
    }
    await this.retry();
  }

  /** Sends what is queued, oldest first per address; stops at an address's first failure. */
  async retry(): Promise<void> {
    await Promise.all(
      [...this.queues].map(async ([url, queue]) => {
        while (queue.length > 0) {
          const head = queue[0] as (typeof queue)[number];
          try {
            const res = await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'text/plain; charset=utf-8', 'x-minyi-tree-size': String(head.checkpoint.treeSize) },
              body: head.checkpoint.note,
              signal: AbortSignal.timeout(TIMEOUT_MS),
            });
            if (!res.ok) throw new Error(`HTTP ${res.status}`);
            queue.shift();
          } catch (error) {
            head.attempts += 1;
            head.error = error instanceof Error ? error.message : String(error);
            head.at = this.clock.nowIso();
            this.log.warn(`publishing checkpoint ${head.checkpoint.treeSize} to ${url} failed (attempt ${head.attempts}): ${head.error}`);
            return;
          }
        }
      }),
    );
  }
}
