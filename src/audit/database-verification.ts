import type { DataSource } from 'typeorm';
import { CASE_COLUMNS, fromCaseRow, type CaseRow } from '../cases/case-record.js';
import { rawQuery } from '../database/raw-query.js';
import { AuditReader } from './audit-reader.js';
import { AuditVerifier } from './audit-verifier.service.js';
import { verifyCheckpoint } from './checkpoint-note.js';
import { MerkleTree, auditLeafHash, leafHash, verifyConsistency } from './merkle/index.js';

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
}

const PAGE = 10_000;

/**
 * Verifies a whole database as an auditor would, trusting nothing in it: every case chain (hashes,
 * links, sequences, head) and its replay, the gapless global sequence, the Merkle tree over all
 * entries, and every signed checkpoint (in the database and outside it): its signature, and that
 * the tree now extends it (a consistency proof from its size to the tree's). Read-only.
 */
export const verifyDatabase = async (dataSource: DataSource, options: VerifyDatabaseOptions): Promise<DatabaseVerification> => {
  const problems: VerificationProblem[] = [];
  const entryProblem = (code: string, globalSeq: number | null, caseId: string | null, caseSeq: number | null, zh: string, en: string) =>
    problems.push({ code, globalSeq, caseId, caseSeq, message: { zh, en } });

  // 1. All entries in global order: the gapless sequence and the tree.
  const tree = new MerkleTree();
  const seqOf = new Map<string, number>();
  const caseIdsInEntries = new Set<string>();
  let expected = 1;
  for (;;) {
    const rows = await rawQuery<{ global_seq: number; case_id: string; case_seq: number; hash: string }>(
      dataSource,
      'SELECT global_seq, case_id, case_seq, hash FROM audit_entries WHERE global_seq >= $1 ORDER BY global_seq LIMIT $2',
      [expected, PAGE],
    );
    for (const row of rows) {
      const seq = Number(row.global_seq);
      if (seq !== expected) {
        entryProblem('GLOBAL_SEQ_GAP', expected, null, null, `全局序号 ${expected}–${seq - 1} 的记录缺失（被删除）`, `entries ${expected}–${seq - 1} of the global sequence are missing (deleted)`);
      }
      expected = seq + 1;
      seqOf.set(`${row.case_id}:${Number(row.case_seq)}`, seq);
      caseIdsInEntries.add(row.case_id);
      let leaf: Buffer;
      try {
        leaf = auditLeafHash(row.hash);
      } catch {
        leaf = leafHash(Buffer.from(String(row.hash), 'utf8'));
        entryProblem('HASH_MALFORMED', seq, row.case_id, Number(row.case_seq), `全局序号 ${seq} 的哈希格式错误`, `entry ${seq} has a malformed hash`);
      }
      tree.append(leaf);
    }
    if (rows.length < PAGE) break;
  }
  const [head] = await rawQuery<{ last_global_seq: number }>(dataSource, 'SELECT last_global_seq FROM audit_sequence WHERE id = 1');
  const last = Number(head?.last_global_seq ?? 0);
  if (last > expected - 1) {
    entryProblem('GLOBAL_SEQ_GAP', expected, null, null, `全局序号 ${expected}–${last} 的记录缺失（末尾被截断）`, `entries ${expected}–${last} at the end of the global sequence are missing (the tail was cut off)`);
  }

  // 2. Every case: chain, head, replay, snapshot (the server's own verifier, run on this database).
  const verifier = new AuditVerifier(dataSource, new AuditReader(dataSource));
  const caseRows = await rawQuery<CaseRow>(dataSource, `SELECT ${CASE_COLUMNS} FROM cases ORDER BY created_at, id`);
  const caseIds = new Set<string>();
  for (const row of caseRows) {
    const record = fromCaseRow(row);
    caseIds.add(record.id);
    const result = await verifier.verifyCase(record);
    for (const p of result.problems) {
      const seq = seqOf.get(`${record.id}:${p.caseSeq}`) ?? null;
      problems.push({ code: p.code, globalSeq: seq, caseId: record.id, caseSeq: p.caseSeq, message: p.message });
    }
  }
  for (const caseId of caseIdsInEntries) {
    if (!caseIds.has(caseId)) {
      const first = [...seqOf.entries()].find(([key]) => key.startsWith(`${caseId}:`))?.[1] ?? null;
      entryProblem('CASE_MISSING', first, caseId, null, `事项 ${caseId} 有审计记录，但事项本身不存在（被删除）`, `case ${caseId} has audit entries but no case row (deleted)`);
    }
  }

  // 3. Checkpoints: signatures, and the tree now extends each of them.
  const stored = await rawQuery<{ tree_size: number; note: string }>(dataSource, 'SELECT tree_size, note FROM audit_checkpoints ORDER BY tree_size');
  const sources: CheckpointSource[] = [...stored.map((r) => ({ source: 'database', note: r.note })), ...options.external];
  let best: DatabaseVerification['checkpoint'] = null;
  const root = tree.root();
  for (const { source, note } of sources) {
    if (options.key === null) {
      entryProblem('NO_KEY', null, null, null, '没有可用于核验检查点签名的公钥', 'no public key to check the checkpoint signatures with');
      break;
    }
    const check = verifyCheckpoint(note, options.key.name, options.key.publicKey, options.origin);
    if (!check.ok) {
      entryProblem('CHECKPOINT_SIGNATURE', null, null, null, `检查点（${source}）的签名无效：不是本系统的密钥所签或已被改动（${check.reason}）`, `a checkpoint (${source}) is not validly signed by this installation's key: forged or altered (${check.reason}: ${check.detail})`);
      continue;
    }
    const { size, root: signedRoot } = check.checkpoint;
    let consistent: boolean;
    if (size > tree.size) {
      consistent = false;
      entryProblem(
        'CHECKPOINT_AHEAD',
        tree.size + 1,
        null,
        null,
        `检查点（${source}）已签署 ${size} 条记录，数据库只有 ${tree.size} 条：记录被删除（末尾被截断，或数据库被回滚到较早的副本）`,
        `a checkpoint (${source}) signed ${size} entries but the database holds ${tree.size}: entries were removed (the tail cut off, or the database rolled back to an earlier copy)`,
      );
    } else {
      consistent = verifyConsistency(size, tree.size, signedRoot, root, tree.consistencyProof(size, tree.size));
      if (!consistent) {
        entryProblem(
          'CHECKPOINT_INCONSISTENT',
          null,
          null,
          null,
          `当前日志与规模为 ${size} 的已签名检查点（${source}）不一致：此前的记录被修改、删除、插入或调换`,
          `the log now is not consistent with the signed checkpoint of size ${size} (${source}): earlier entries were altered, removed, inserted or reordered`,
        );
      }
    }
    if (best === null || size > best.size) best = { size, rootHash: signedRoot.toString('hex'), source, consistent };
  }

  const ordered = [...problems.filter((p) => p.globalSeq !== null).sort((a, b) => (a.globalSeq as number) - (b.globalSeq as number)), ...problems.filter((p) => p.globalSeq === null)];
  return {
    valid: ordered.length === 0,
    entries: tree.size,
    cases: caseRows.length,
    rootHash: root.toString('hex'),
    checkpoint: best,
    entriesAfterCheckpoint: best === null ? null : Math.max(0, tree.size - best.size),
    checkpointsChecked: sources.length,
    problems: ordered,
  };
};
