import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DataSource } from 'typeorm';
import type { CaseRow } from '../cases/case-record.js';
import { openAuditSource, openSqliteAuditSource, sqliteFileOf, type AuditSource, type EntryPartition } from './audit-source.js';
import type { CaseProblem } from './case-check.js';
import { verifyCheckpoint } from './checkpoint-note.js';
import { EMPTY_ROOT, MerkleStream, leafHash } from './merkle/index.js';
import { checkPartition, type ClaimText, type PartitionResult } from './partition-check.js';
import type { PartitionJob } from './verify-partition.worker.js';

export interface VerificationProblem {
  readonly code: string;
  /** The first bad entry's global sequence, when the problem is about an entry. */
  readonly globalSeq: number | null;
  readonly caseId: string | null;
  readonly caseSeq: number | null;
  readonly message: { readonly zh: string; readonly en: string };
}

export interface CheckpointSource {
  /** Where it came from: `database`, `data directory`, or a file the auditor trusts. */
  readonly source: string;
  readonly note: string;
}

export interface DatabaseVerification {
  readonly valid: boolean;
  readonly entries: number;
  readonly cases: number;
  readonly rootHash: string;
  /** The largest checkpoint whose signature verifies, if any. */
  readonly checkpoint: { readonly size: number; readonly rootHash: string; readonly source: string; readonly consistent: boolean } | null;
  readonly entriesAfterCheckpoint: number | null;
  readonly checkpointsChecked: number;
  /** In order: entry problems by global sequence first, then the rest. */
  readonly problems: readonly VerificationProblem[];
}

export interface VerifyDatabaseOptions {
  /** Key name (= origin) and the raw Ed25519 public key checkpoints must be signed with; null: none known. */
  readonly key: { readonly name: string; readonly publicKey: Buffer } | null;
  readonly origin: string;
  /** Checkpoints kept outside the database (the data directory copy, ones the auditor holds). */
  readonly external: readonly CheckpointSource[];
  /**
   * Check the cases in two worker threads, half each, while the calling thread builds the tree
   * (SQLite files, compiled code only: the CLI). Default false: everything on the calling thread.
   */
  readonly parallel?: boolean;
  /** Split the cases in two partitions even on one thread (tests use it to cover the split). */
  readonly partitions?: 1 | 2;
}

/** The two partitions of the cases: ids starting with one of these, and all others (about half each). */
const FIRST_HALF: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7'];
const PARTITIONS: readonly EntryPartition[] = [
  { firstChars: FIRST_HALF, inside: true },
  { firstChars: FIRST_HALF, inside: false },
];
const inside = (partition: EntryPartition, row: CaseRow) => FIRST_HALF.includes(String(row.id).charAt(0)) === partition.inside;

const claimOf = (row: CaseRow): ClaimText => ({ id: row.id, lastSeq: Number(row.last_seq), headHash: row.head_hash, snapshotText: row.snapshot });

const WORKER = new URL('./verify-partition.worker.js', import.meta.url);
/** The worker runs compiled JavaScript: under a TypeScript loader (tests) everything stays on one thread. */
const workerAvailable = (): boolean => WORKER.protocol === 'file:' && import.meta.url.endsWith('.js') && existsSync(fileURLToPath(WORKER));

const inWorker = (job: PartitionJob): Promise<PartitionResult> =>
  new Promise((resolve, reject) => {
    // a larger young generation: the pass allocates short-lived rows, entries and snapshots fast
    const worker = new Worker(WORKER, { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: 256 } });
    worker.once('message', (message: { ok: true; result: PartitionResult } | { ok: false; error: string }) => {
      if (message.ok) resolve(message.result);
      else reject(new Error(`verification worker failed: ${message.error}`));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`verification worker exited with ${code}`));
    });
  });

interface TreePass {
  readonly size: number;
  readonly root: Buffer;
  /** Root of the tree at each size asked for (the checkpoints' sizes) that the tree reached. */
  readonly rootsAt: ReadonlyMap<number, Buffer>;
  readonly problems: readonly VerificationProblem[];
}

/**
 * The global sequence and the Merkle tree, from (global_seq, hash) in global order: gapless from
 * 1 up to the last number handed out, and the tree head at every checkpoint size on the way
 * (streamed: O(log n) memory). Comparing the signed root of size m with the tree's root at m is
 * what a consistency proof from m to the current size proves, when the verifier holds every leaf.
 */
const treePass = async (source: AuditSource, sizes: ReadonlySet<number>): Promise<TreePass> => {
  const problems: VerificationProblem[] = [];
  const gap = (globalSeq: number, zh: string, en: string) => problems.push({ code: 'GLOBAL_SEQ_GAP', globalSeq, caseId: null, caseSeq: null, message: { zh, en } });
  const tree = new MerkleStream();
  const rootsAt = new Map<number, Buffer>();
  if (sizes.has(0)) rootsAt.set(0, Buffer.from(EMPTY_ROOT));
  let expected = 1;
  for await (const batch of source.hashes()) {
    for (const [seq, hash] of batch) {
      if (seq !== expected) gap(expected, `全局序号 ${expected}–${seq - 1} 的记录缺失（被删除）`, `entries ${expected}–${seq - 1} of the global sequence are missing (deleted)`);
      expected = seq + 1;
      try {
        tree.appendEntryHash(hash);
      } catch {
        tree.appendLeafHash(leafHash(Buffer.from(String(hash), 'utf8')));
        problems.push({ code: 'HASH_MALFORMED', globalSeq: seq, caseId: null, caseSeq: null, message: { zh: `全局序号 ${seq} 的哈希格式错误`, en: `entry ${seq} has a malformed hash` } });
      }
      if (sizes.has(tree.size)) rootsAt.set(tree.size, tree.root());
    }
  }
  if (source.lastGlobalSeq > expected - 1) {
    gap(expected, `全局序号 ${expected}–${source.lastGlobalSeq} 的记录缺失（末尾被截断）`, `entries ${expected}–${source.lastGlobalSeq} at the end of the global sequence are missing (the tail was cut off)`);
  }
  return { size: tree.size, root: tree.root(), rootsAt, problems };
};

const withCase = (caseId: string, problems: readonly CaseProblem[]): VerificationProblem[] =>
  problems.map((p) => ({ code: p.code, globalSeq: p.globalSeq, caseId, caseSeq: p.caseSeq, message: p.message }));

/**
 * Verifies a whole database as an auditor would, trusting nothing in it, in one pass over the
 * entries in global-sequence order (plus a light pass over their hashes for the tree): every case
 * chain (hashes recomputed from the fields, links, case sequences, head) and its replay through
 * the recorded procedure version to the stored snapshot, the gapless global sequence, the Merkle
 * tree over all entries, and every signed checkpoint (in the database and outside it): its
 * signature, and that the tree now extends it. Memory: per case its current machine snapshot and a
 * few hashes; the tree in O(log n). Read-only.
 */
export const verifyDatabase = async (dataSource: DataSource, options: VerifyDatabaseOptions): Promise<DatabaseVerification> => {
  const source = await openAuditSource(dataSource);
  try {
    const file = sqliteFileOf(dataSource);
    return await verifySource(source, options, options.parallel === true && file !== null && workerAvailable() ? file : null);
  } finally {
    await source.close();
  }
};

/** `verifyDatabase` of a SQLite file, read through connections of its own (the CLI: no TypeORM needed). */
export const verifySqliteFile = async (file: string, options: VerifyDatabaseOptions): Promise<DatabaseVerification> => {
  const source = await openSqliteAuditSource(file);
  try {
    return await verifySource(source, options, options.parallel === true && workerAvailable() ? file : null);
  } finally {
    await source.close();
  }
};

const verifySource = async (source: AuditSource, options: VerifyDatabaseOptions, workerFile: string | null): Promise<DatabaseVerification> => {
  // Checkpoints first: their signatures, and the sizes whose roots the tree pass must note.
  const sources: CheckpointSource[] = [...source.checkpoints.map((r) => ({ source: 'database', note: r.note })), ...options.external];
  const checks = options.key === null ? [] : sources.map(({ source: where, note }) => ({ where, check: verifyCheckpoint(note, (options.key as { name: string }).name, (options.key as { publicKey: Buffer }).publicKey, options.origin) }));
  const sizes = new Set(checks.flatMap(({ check }) => (check.ok ? [check.checkpoint.size] : [])));

  // The cases: with workers, each of two checks one partition while this thread builds the tree
  // (three threads on two cores: the OS keeps both busy); otherwise here, in one pass or, when a
  // test asks, in the same two partitions one after the other.
  const reread = (caseId: string) => source.caseEntries(caseId);
  const claimsOf = (partition: EntryPartition) => source.cases.filter((row) => inside(partition, row)).map(claimOf);
  const workers =
    workerFile !== null ? PARTITIONS.map((partition) => inWorker({ file: workerFile, bound: source.bound, partition, claims: claimsOf(partition) })) : [];
  // a worker's rejection is awaited below; keep it from being reported as unhandled meanwhile
  for (const w of workers) w.catch(() => undefined);
  const tree = await treePass(source, sizes);
  const results: PartitionResult[] = [];
  if (workers.length > 0) for (const w of workers) results.push(await w);
  else if (options.partitions === 2) for (const partition of PARTITIONS) results.push(await checkPartition(source.entries(partition), claimsOf(partition), reread));
  else results.push(await checkPartition(source.entries(null), source.cases.map(claimOf), reread));

  // Problems in the order a reader expects (then sorted by global sequence, stably): the sequence,
  // each case as listed (chain, head, replay, snapshot), entries without a case, checkpoints.
  const problems: VerificationProblem[] = [...tree.problems];
  const byCase = new Map(results.flatMap((r) => r.cases.map((c) => [c.caseId, c] as const)));
  for (const row of source.cases) problems.push(...withCase(row.id, byCase.get(row.id)?.problems ?? []));
  for (const orphan of results.flatMap((r) => r.orphans).sort((a, b) => a.firstGlobalSeq - b.firstGlobalSeq)) {
    problems.push({
      code: 'CASE_MISSING',
      globalSeq: orphan.firstGlobalSeq,
      caseId: orphan.caseId,
      caseSeq: null,
      message: { zh: `事项 ${orphan.caseId} 有审计记录，但事项本身不存在（被删除）`, en: `case ${orphan.caseId} has audit entries but no case row (deleted)` },
    });
    problems.push(...withCase(orphan.caseId, orphan.problems));
  }

  const add = (code: string, globalSeq: number | null, zh: string, en: string) => problems.push({ code, globalSeq, caseId: null, caseSeq: null, message: { zh, en } });
  let best: DatabaseVerification['checkpoint'] = null;
  if (options.key === null && sources.length > 0) add('NO_KEY', null, '没有可用于核验检查点签名的公钥', 'no public key to check the checkpoint signatures with');
  for (const { where, check } of checks) {
    if (!check.ok) {
      add('CHECKPOINT_SIGNATURE', null, `检查点（${where}）的签名无效：不是本系统的密钥所签或已被改动（${check.reason}）`, `a checkpoint (${where}) is not validly signed by this installation's key: forged or altered (${check.reason}: ${check.detail})`);
      continue;
    }
    const { size, root: signedRoot } = check.checkpoint;
    let consistent: boolean;
    if (size > tree.size) {
      consistent = false;
      add(
        'CHECKPOINT_AHEAD',
        tree.size + 1,
        `检查点（${where}）已签署 ${size} 条记录，数据库只有 ${tree.size} 条：记录被删除（末尾被截断，或数据库被回滚到较早的副本）`,
        `a checkpoint (${where}) signed ${size} entries but the database holds ${tree.size}: entries were removed (the tail cut off, or the database rolled back to an earlier copy)`,
      );
    } else {
      // from size 0 every tree is consistent (RFC 9162: the empty proof)
      consistent = size === 0 || (tree.rootsAt.get(size)?.equals(signedRoot) ?? false);
      if (!consistent) {
        add(
          'CHECKPOINT_INCONSISTENT',
          null,
          `当前日志与规模为 ${size} 的已签名检查点（${where}）不一致：此前的记录被修改、删除、插入或调换`,
          `the log now is not consistent with the signed checkpoint of size ${size} (${where}): earlier entries were altered, removed, inserted or reordered`,
        );
      }
    }
    if (best === null || size > best.size) best = { size, rootHash: signedRoot.toString('hex'), source: where, consistent };
  }

  const ordered = [...problems.filter((p) => p.globalSeq !== null).sort((a, b) => (a.globalSeq as number) - (b.globalSeq as number)), ...problems.filter((p) => p.globalSeq === null)];
  return {
    valid: ordered.length === 0,
    entries: tree.size,
    cases: source.cases.length,
    rootHash: tree.root.toString('hex'),
    checkpoint: best,
    entriesAfterCheckpoint: best === null ? null : Math.max(0, tree.size - best.size),
    checkpointsChecked: sources.length,
    problems: ordered,
  };
};
