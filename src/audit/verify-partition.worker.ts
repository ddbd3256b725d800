import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteAuditSource, type EntryPartition } from './audit-reader.js';
import type { CaseClaim } from './case-check.js';
import { checkPartition } from './partition-check.js';

/**
 * A worker thread of `verify --database` on SQLite: checks the cases of one partition, reading the
 * entries up to `bound` through a read-only connection of its own, while the main thread builds
 * the Merkle tree and checks the other partition (database-verification.ts).
 */
export interface PartitionJob {
  readonly file: string;
  readonly bound: number;
  readonly partition: EntryPartition;
  /** Snapshots as the stored JSON text (parsed here: cheaper to clone). */
  readonly claims: readonly (Omit<CaseClaim, 'snapshot'> & { readonly snapshotText: string })[];
}

const job = workerData as PartitionJob;
const run = async () => {
  const source = await openSqliteAuditSource(job.file);
  try {
    const claims = job.claims.map(({ snapshotText, ...claim }) => ({ ...claim, snapshot: JSON.parse(snapshotText) as unknown }));
    return await checkPartition(source.entries(job.partition, job.bound), claims);
  } finally {
    await source.close();
  }
};
run().then(
  (result) => parentPort?.postMessage({ ok: true, result }),
  (error: unknown) => parentPort?.postMessage({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
);
