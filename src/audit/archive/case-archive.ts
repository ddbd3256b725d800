import type { DataSource } from 'typeorm';
import { CASE_COLUMNS, fromCaseRow, type CaseRecord, type CaseRow } from '../../cases/case-record.js';
import { rawQuery } from '../../database/raw-query.js';
import type { AuditEntry } from '../audit-entry.js';
import { AuditReader } from '../audit-reader.js';
import { verifyCaseChain } from '../chain-verifier.js';
import { verifierKey, verifyCheckpoint } from '../checkpoint-note.js';
import { MerkleTree, auditLeafHash, verifyConsistency, verifyInclusion } from '../merkle/index.js';
import { replayCase } from '../replay.js';
import type { ZipFile } from './zip.js';

/** Archive layout version, in manifest.json. */
export const ARCHIVE_FORMAT = 'minyi-case-archive/1';

export interface ArchiveProofs {
  readonly treeSize: number;
  readonly rootHash: string;
  /** One per entry of the case: its RFC 9162 audit path in the tree of treeSize, hex. */
  readonly inclusion: readonly { readonly globalSeq: number; readonly proof: readonly string[] }[];
  /** From every earlier signed checkpoint to treeSize, so an auditor's older checkpoint can be checked. */
  readonly consistency: readonly { readonly from: number; readonly fromRoot: string; readonly proof: readonly string[] }[];
}

export class ArchiveError extends Error {}

const README = (caseId: string, size: number, vkey: string) => `民议 · 事项审计档案 / minyi case audit archive
事项 / case: ${caseId}

【中文】
本档案包含：case.json（事项及其最终状态）、audit-entries.jsonl（全部审计记录，每行一条）、
proofs.json（每条记录在审计日志默克尔树中的包含证明，以及与此前各检查点的一致性证明）、
checkpoint.txt（服务器以 Ed25519 签名的检查点，树规模 ${size}）、public-key.txt / public-key.pem（签名公钥）。
核验方法（无需数据库、无需联网）：
  npm run cli -- verify --archive 本文件.zip --public-key 您信任的公钥 [--trusted-checkpoint 您此前保存的检查点]
公钥应从可信渠道取得，并与档案中的公钥核对：${vkey}
格式说明见 docs/audit-format.md。

[English]
This archive holds case.json (the case and its end state), audit-entries.jsonl (every audit entry,
one per line), proofs.json (each entry's inclusion proof in the audit log's Merkle tree, and
consistency proofs from earlier checkpoints), checkpoint.txt (the checkpoint the server signed
with Ed25519, tree size ${size}) and public-key.txt / public-key.pem (the signing key).
To verify, offline and without a database:
  npm run cli -- verify --archive this.zip --public-key KEY-YOU-TRUST [--trusted-checkpoint CHECKPOINT-YOU-KEPT]
Obtain the public key through a channel you trust and compare it with the archive's: ${vkey}
The formats are specified in docs/audit-format.md.
`;

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/**
 * Builds a case's archive from the database: the case, its entries, and their inclusion proofs
 * against the latest signed checkpoint that covers the case's last entry (refuses if none does, or
 * if the database no longer matches that checkpoint).
 */
export const buildCaseArchive = async (
  dataSource: DataSource,
  caseId: string,
  key: { readonly name: string; readonly publicKey: Buffer },
  origin: string,
  now: string,
): Promise<ZipFile[]> => {
  const [row] = await rawQuery<CaseRow>(dataSource, `SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1`, [caseId]);
  if (row === undefined) throw new ArchiveError(`no case ${caseId}`);
  const record = fromCaseRow(row);
  const entries = await new AuditReader(dataSource).ofCase(caseId);
  const lastSeq = Math.max(0, ...entries.map((e) => e.globalSeq));
  const checkpoints = await rawQuery<{ tree_size: number; root_hash: string; note: string }>(dataSource, 'SELECT tree_size, root_hash, note FROM audit_checkpoints ORDER BY tree_size');
  const latest = checkpoints.at(-1);
  const chosen = latest !== undefined && Number(latest.tree_size) >= lastSeq ? latest : undefined;
  if (chosen === undefined) throw new ArchiveError(`no signed checkpoint covers entry ${lastSeq} yet; the server signs one within a minute (or when a case closes)`);
  const size = Number(chosen.tree_size);
  const hashes = await rawQuery<{ global_seq: number; hash: string }>(dataSource, 'SELECT global_seq, hash FROM audit_entries WHERE global_seq <= $1 ORDER BY global_seq', [size]);
  const tree = MerkleTree.of(hashes.map((h) => auditLeafHash(h.hash)));
  if (tree.size !== size || hex(tree.root(size)) !== chosen.root_hash) throw new ArchiveError(`the database no longer matches the signed checkpoint of size ${size}: run verify --database`);
  const proofs: ArchiveProofs = {
    treeSize: size,
    rootHash: chosen.root_hash,
    inclusion: entries.map((e) => ({ globalSeq: e.globalSeq, proof: tree.inclusionProof(e.globalSeq - 1, size).map(hex) })),
    consistency: checkpoints
      .filter((c) => Number(c.tree_size) < size)
      .map((c) => ({ from: Number(c.tree_size), fromRoot: c.root_hash, proof: tree.consistencyProof(Number(c.tree_size), size).map(hex) })),
  };
  const vkey = verifierKey(key.name, key.publicKey);
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), key.publicKey]).toString('base64');
  return [
    { name: 'README.txt', data: Buffer.from(README(caseId, size, vkey), 'utf8') },
    { name: 'manifest.json', data: json({ format: ARCHIVE_FORMAT, caseId, origin, createdAt: now, treeSize: size, entries: entries.length }) },
    { name: 'case.json', data: json(record) },
    { name: 'audit-entries.jsonl', data: Buffer.from(entries.map((e) => `${JSON.stringify(e)}\n`).join(''), 'utf8') },
    { name: 'proofs.json', data: json(proofs) },
    { name: 'checkpoint.txt', data: Buffer.from(chosen.note, 'utf8') },
    { name: 'public-key.txt', data: Buffer.from(`${vkey}\n`, 'utf8') },
    { name: 'public-key.pem', data: Buffer.from(`-----BEGIN PUBLIC KEY-----\n${spki}\n-----END PUBLIC KEY-----\n`, 'utf8') },
  ];
};

export interface ArchiveProblem {
  readonly code: string;
  readonly globalSeq: number | null;
  readonly caseSeq: number | null;
  readonly message: { readonly zh: string; readonly en: string };
}

export interface ArchiveVerification {
  readonly valid: boolean;
  readonly caseId: string | null;
  readonly entries: number;
  readonly treeSize: number | null;
  /** The key the checkpoint was checked with, and whether it came from the archive itself. */
  readonly key: { readonly verifierKey: string; readonly fromArchive: boolean } | null;
  readonly trustedCheckpoints: number;
  readonly problems: readonly ArchiveProblem[];
}

export const parseVerifierKey = (text: string): { name: string; publicKey: Buffer } | null => {
  const match = /^(\S+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(text.trim());
  if (match === null) return null;
  const bytes = Buffer.from(match[3] as string, 'base64');
  if (bytes.length !== 33 || bytes[0] !== 1) return null;
  const key = { name: match[1] as string, publicKey: bytes.subarray(1) };
  return verifierKey(key.name, key.publicKey) === text.trim() ? key : null;
};

/**
 * Verifies an archive offline: every entry's hash and link and the case's sequence, the head, a
 * replay to the recorded end state, the checkpoint's signature, every entry's inclusion proof
 * against it, and consistency with each checkpoint the auditor already trusts.
 */
export const verifyCaseArchive = (
  files: ReadonlyMap<string, Buffer>,
  options: { readonly key: { readonly name: string; readonly publicKey: Buffer } | null; readonly trusted: readonly string[] },
): ArchiveVerification => {
  const problems: ArchiveProblem[] = [];
  const add = (code: string, globalSeq: number | null, caseSeq: number | null, zh: string, en: string) => problems.push({ code, globalSeq, caseSeq, message: { zh, en } });
  const text = (name: string): string | null => {
    const data = files.get(name);
    if (data === undefined) add('FILE_MISSING', null, null, `档案缺少 ${name}`, `the archive lacks ${name}`);
    return data?.toString('utf8') ?? null;
  };
  const parse = <T>(name: string): T | null => {
    const t = text(name);
    if (t === null) return null;
    try {
      return JSON.parse(t) as T;
    } catch {
      add('FILE_MALFORMED', null, null, `${name} 不是有效的 JSON`, `${name} is not valid JSON`);
      return null;
    }
  };
  const manifest = parse<{ format: string; caseId: string; origin: string }>('manifest.json');
  const record = parse<CaseRecord>('case.json');
  const proofs = parse<ArchiveProofs>('proofs.json');
  const note = text('checkpoint.txt');
  const lines = (text('audit-entries.jsonl') ?? '').split('\n').filter((l) => l !== '');
  const entries: AuditEntry[] = [];
  lines.forEach((line, i) => {
    try {
      entries.push(JSON.parse(line) as AuditEntry);
    } catch {
      add('FILE_MALFORMED', null, i + 1, `audit-entries.jsonl 第${i + 1}行不是有效的 JSON`, `line ${i + 1} of audit-entries.jsonl is not valid JSON`);
    }
  });
  if (manifest !== null && manifest.format !== ARCHIVE_FORMAT) add('FORMAT', null, null, `未知的档案格式 ${manifest.format}`, `unknown archive format ${manifest.format}`);
  const caseId = record?.id ?? manifest?.caseId ?? null;
  if (caseId !== null && record !== null) {
    for (const p of verifyCaseChain(caseId, entries)) add(p.code, p.globalSeq, p.caseSeq, p.message.zh, p.message.en);
    const head = entries.at(-1);
    if (head === undefined || head.hash !== record.headHash || head.caseSeq !== record.lastSeq) {
      add('HEAD_MISMATCH', head?.globalSeq ?? null, head?.caseSeq ?? null, '事项记录的最新哈希与审计链末尾不一致（记录缺失或被截断）', 'the case head does not match the end of the chain (entries missing or truncated)');
    }
    const replay = replayCase(entries);
    for (const p of replay.problems) add('REPLAY_MISMATCH', entries.find((e) => e.caseSeq === p.caseSeq)?.globalSeq ?? null, p.caseSeq, p.message.zh, p.message.en);
    if (replay.snapshot !== null && replay.problems.length === 0 && JSON.stringify(replay.snapshot) !== JSON.stringify(record.snapshot)) {
      add('SNAPSHOT_MISMATCH', null, null, '重放结果与档案中的事项状态不一致', "the replayed state differs from the archive's case");
    }
  }

  // The key: the auditor's, else the archive's own (reported as such).
  const archiveKey = parseVerifierKey(text('public-key.txt') ?? '');
  const key = options.key ?? archiveKey;
  if (key === null) add('NO_KEY', null, null, '没有可用的公钥', 'no public key to verify with');
  let root: Buffer | null = null;
  let size: number | null = null;
  if (key !== null && note !== null && proofs !== null) {
    const check = verifyCheckpoint(note, key.name, key.publicKey, manifest?.origin);
    if (!check.ok) {
      add('CHECKPOINT_SIGNATURE', null, null, `检查点签名无效：不是该公钥所签或已被改动（${check.reason}）`, `the checkpoint is not validly signed by the key: forged or altered (${check.reason}: ${check.detail})`);
    } else {
      root = check.checkpoint.root;
      size = check.checkpoint.size;
      if (proofs.treeSize !== size || proofs.rootHash !== root.toString('hex')) add('PROOFS_MISMATCH', null, null, 'proofs.json 与检查点不符', 'proofs.json does not match the checkpoint');
    }
  }
  if (root !== null && size !== null && proofs !== null) {
    const bySeq = new Map(proofs.inclusion.map((p) => [p.globalSeq, p.proof]));
    for (const entry of entries) {
      const proof = bySeq.get(entry.globalSeq);
      let ok = false;
      try {
        ok = proof !== undefined && verifyInclusion(auditLeafHash(entry.hash), entry.globalSeq - 1, size, proof.map((h) => Buffer.from(h, 'hex')), root);
      } catch {
        ok = false;
      }
      if (!ok) {
        add('INCLUSION_FAILED', entry.globalSeq, entry.caseSeq, `第${entry.caseSeq}条记录（全局序号 ${entry.globalSeq}）不在已签名的审计日志中`, `entry ${entry.caseSeq} (global sequence ${entry.globalSeq}) is not in the signed log (its inclusion proof fails)`);
      }
    }
    for (const trustedNote of options.trusted) {
      const trusted = key === null ? null : verifyCheckpoint(trustedNote, key.name, key.publicKey, manifest?.origin);
      if (trusted === null || !trusted.ok) {
        add('TRUSTED_CHECKPOINT_SIGNATURE', null, null, '您提供的检查点签名无效', 'the checkpoint you trust does not verify with the key');
        continue;
      }
      const m = trusted.checkpoint.size;
      let consistent: boolean;
      if (m > size) {
        add('TRUSTED_CHECKPOINT_NEWER', null, null, `您信任的检查点（规模 ${m}）比档案的检查点（规模 ${size}）新，无法证明一致；请取得新档案`, `the checkpoint you trust (size ${m}) is newer than the archive's (size ${size}); consistency cannot be shown: get a newer archive`);
        continue;
      } else if (m === size) {
        consistent = trusted.checkpoint.root.equals(root);
      } else {
        const c = proofs.consistency.find((p) => p.from === m);
        consistent = c !== undefined && verifyConsistency(m, size, trusted.checkpoint.root, root, c.proof.map((h) => Buffer.from(h, 'hex')));
      }
      if (!consistent) {
        add('TRUSTED_CHECKPOINT_INCONSISTENT', null, null, `档案的检查点与您信任的检查点（规模 ${m}）不一致：日志被改写`, `the archive's checkpoint is not consistent with the checkpoint you trust (size ${m}): the log was rewritten`);
      }
    }
  }
  const ordered = [...problems.filter((p) => p.globalSeq !== null).sort((a, b) => (a.globalSeq as number) - (b.globalSeq as number)), ...problems.filter((p) => p.globalSeq === null)];
  return {
    valid: ordered.length === 0,
    caseId,
    entries: entries.length,
    treeSize: size,
    key: key === null ? null : { verifierKey: verifierKey(key.name, key.publicKey), fromArchive: options.key === null },
    trustedCheckpoints: options.trusted.length,
    problems: ordered,
  };
};
