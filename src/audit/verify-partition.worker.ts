import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteAuditSource, type EntryPartition } from './audit-source.js';
import { checkPartition, type ClaimText } from './partition-check.js';

/**
 * A worker thread of `verify --database` on SQLite: checks the cases of one partition, reading the
 * entries up to `bound` through a read-only connection of its own, while the main thread builds
 * the Merkle tree and checks the other partition (database-verification.ts).
 */
export interface PartitionJob {
  readonly file: string;
  readonly bound: number;
  readonly partition: EntryPartition;
  readonly claims: readonly ClaimText[];
}

const job = workerData as PartitionJob;
const run = async () => {
  const source = await openSqliteAuditSource(job.file);
  try {
    // the case rows (and their bound) come from the main thread's view; entries up to it are append-only
    return await checkPartition(source.entries(job.partition, job.bound), job.claims, (caseId) => source.caseEntries(caseId));
  } finally {
    await source.close();
  }
};
run().then(
  (result) => parentPort?.postMessage({ ok: true, result }),
  (error: unknown) => parentPort?.postMessage({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
);
