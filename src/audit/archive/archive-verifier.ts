import { createHash } from 'node:crypto';
import type { CaseRecord } from '../../cases/case-record.js';
import type { AuditEntry } from '../audit-entry.js';
import { verifyCaseChain } from '../chain-verifier.js';
import { verifierKey, verifyCheckpoint } from '../checkpoint-note.js';
import { auditLeafHash, verifyConsistency, verifyInclusion } from '../merkle/index.js';
import { replayCase } from '../replay.js';
import type { ArchivedObjection } from './archive-content.js';
import { CASE_ARCHIVE_FORMAT, MANIFEST_STATEMENT, UNIT_ARCHIVE_FORMAT, manifestStatementLines, type ArchiveManifest, type ConsistencyProofs, type InclusionProofs, type ManifestFile } from './archive-format.js';
import { checkMeetingRecord, checkNotice, checkObjections, missingMeetings } from './content-checks.js';
import { parseVerifierKey, verifyStatement, type StatementKey } from './signed-statement.js';

export interface ArchiveProblem {
  readonly code: string;
  /** The case the problem is in (null: the archive as a whole). */
  readonly caseId: string | null;
  readonly globalSeq: number | null;
  readonly caseSeq: number | null;
  /** The archive member concerned, when one is. */
  readonly file: string | null;
  readonly message: { readonly zh: string; readonly en: string };
}

export interface ArchiveVerification {
  readonly valid: boolean;
  readonly kind: 'case' | 'unit' | null;
  /** The case of a case archive (null for a unit archive). */
  readonly caseId: string | null;
  readonly unit: { readonly id: string; readonly name: string; readonly from: string; readonly to: string } | null;
  readonly cases: number;
  readonly entries: number;
  readonly files: number;
  readonly treeSize: number | null;
  /** The key the checkpoint was checked with, and whether it came from the archive itself. */
  readonly key: { readonly verifierKey: string; readonly fromArchive: boolean } | null;
  readonly trustedCheckpoints: number;
  readonly problems: readonly ArchiveProblem[];
}


const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

type Add = (p: Omit<ArchiveProblem, 'caseId' | 'file'> & { caseId?: string | null; file?: string | null }) => void;

class Reader {
  constructor(
    private readonly files: ReadonlyMap<string, Buffer>,
    private readonly add: Add,
  ) {}

  text(name: string, caseId: string | null = null): string | null {
    const data = this.files.get(name);
    if (data === undefined) this.add({ code: 'FILE_MISSING', caseId, file: name, globalSeq: null, caseSeq: null, message: { zh: `档案缺少 ${name}`, en: `the archive lacks ${name}` } });
    return data?.toString('utf8') ?? null;
  }

  json<T>(name: string, caseId: string | null = null): T | null {
    const t = this.text(name, caseId);
    if (t === null) return null;
    try {
      return JSON.parse(t) as T;
    } catch {
      this.add({ code: 'FILE_MALFORMED', caseId, file: name, globalSeq: null, caseSeq: null, message: { zh: `${name} 不是有效的 JSON`, en: `${name} is not valid JSON` } });
      return null;
    }
  }
}

/** One case's members under `prefix`: chain, head, replay, inclusion, meetings, notices, objections. */
interface UnitContext {
  readonly path: string;
  readonly from: string;
  readonly to: string;
}

const verifyCaseDir = (
  files: ReadonlyMap<string, Buffer>,
  read: Reader,
  add: Add,
  prefix: string,
  expectedId: string,
  signed: { size: number; root: Buffer } | null,
  unit: UnitContext | null,
): number => {
  const record = read.json<CaseRecord>(`${prefix}case.json`, expectedId);
  const proofs = read.json<InclusionProofs>(`${prefix}proofs.json`, expectedId);
  const entries: AuditEntry[] = [];
  (read.text(`${prefix}audit-entries.jsonl`, expectedId) ?? '')
    .split('\n')
    .filter((l) => l !== '')
    .forEach((line, i) => {
      try {
        entries.push(JSON.parse(line) as AuditEntry);
      } catch {
        add({ code: 'FILE_MALFORMED', caseId: expectedId, file: `${prefix}audit-entries.jsonl`, globalSeq: null, caseSeq: i + 1, message: { zh: `audit-entries.jsonl 第${i + 1}行不是有效的 JSON`, en: `line ${i + 1} of audit-entries.jsonl is not valid JSON` } });
      }
    });
  const caseId = expectedId;
  if (record !== null && record.id !== caseId) add({ code: 'WRONG_CASE', caseId, file: `${prefix}case.json`, globalSeq: null, caseSeq: null, message: { zh: 'case.json 是另一个事项', en: 'case.json is of another case' } });
  for (const p of verifyCaseChain(caseId, entries)) add({ code: p.code, caseId, globalSeq: p.globalSeq, caseSeq: p.caseSeq, message: p.message });
  if (record !== null) {
    const head = entries.at(-1);
    if (head === undefined || head.hash !== record.headHash || head.caseSeq !== record.lastSeq) {
      add({ code: 'HEAD_MISMATCH', caseId, globalSeq: head?.globalSeq ?? null, caseSeq: head?.caseSeq ?? null, message: { zh: '事项记录的最新哈希与审计链末尾不一致（记录缺失或被截断）', en: 'the case head does not match the end of the chain (entries missing or truncated)' } });
    }
    const replay = replayCase(entries);
    for (const p of replay.problems) add({ code: 'REPLAY_MISMATCH', caseId, globalSeq: entries.find((e) => e.caseSeq === p.caseSeq)?.globalSeq ?? null, caseSeq: p.caseSeq, message: p.message });
    if (replay.snapshot !== null && replay.problems.length === 0 && JSON.stringify(replay.snapshot) !== JSON.stringify(record.snapshot)) {
      add({ code: 'SNAPSHOT_MISMATCH', caseId, file: `${prefix}case.json`, globalSeq: null, caseSeq: null, message: { zh: '重放结果与档案中的事项状态不一致', en: "the replayed state differs from the archive's case" } });
    }
  }
  if (unit !== null && record !== null) {
    // the case belongs in this unit archive: its unit lies in the subtree, and it was alive in the period
    const created = entries[0]?.payload as { unitId?: unknown } | undefined;
    if (typeof record.unitPath !== 'string' || !record.unitPath.startsWith(unit.path) || created?.unitId !== record.unitId) {
      add({ code: 'CASE_OUTSIDE_UNIT', caseId, file: `${prefix}case.json`, globalSeq: null, caseSeq: null, message: { zh: '该事项不属于本档案的单位', en: "the case is not of the archive's unit" } });
    }
    const first = entries[0]?.recordedAt;
    const last = entries.at(-1)?.recordedAt;
    if (first === undefined || last === undefined || first >= unit.to || (record.status !== 'open' && last < unit.from)) {
      add({ code: 'CASE_OUTSIDE_PERIOD', caseId, file: `${prefix}case.json`, globalSeq: null, caseSeq: null, message: { zh: '该事项在本档案的期间内并不存在', en: "the case was not alive in the archive's period" } });
    }
  }
  if (signed !== null && proofs !== null) {
    if (proofs.treeSize !== signed.size || proofs.rootHash !== signed.root.toString('hex')) {
      add({ code: 'PROOFS_MISMATCH', caseId, file: `${prefix}proofs.json`, globalSeq: null, caseSeq: null, message: { zh: 'proofs.json 与检查点不符', en: 'proofs.json does not match the checkpoint' } });
    }
    const bySeq = new Map((proofs.inclusion ?? []).map((p) => [p.globalSeq, p.proof]));
    for (const entry of entries) {
      const proof = bySeq.get(entry.globalSeq);
      let ok = false;
      try {
        ok = proof !== undefined && verifyInclusion(auditLeafHash(entry.hash), entry.globalSeq - 1, signed.size, proof.map((h) => Buffer.from(h, 'hex')), signed.root);
      } catch {
        ok = false;
      }
      if (!ok) {
        add({ code: 'INCLUSION_FAILED', caseId, globalSeq: entry.globalSeq, caseSeq: entry.caseSeq, message: { zh: `第${entry.caseSeq}条记录（全局序号 ${entry.globalSeq}）不在已签名的审计日志中`, en: `entry ${entry.caseSeq} (global sequence ${entry.globalSeq}) is not in the signed log (its inclusion proof fails)` } });
      }
    }
  }
  // meeting records, notices, objections against the chain
  const contentProblems = [];
  const meetings = new Set<string>();
  const notice = /^notices\/([0-9a-f-]{36})\.json$/;
  const meeting = /^meetings\/([0-9a-f-]{36})\.json$/;
  for (const name of [...files.keys()].filter((n) => n.startsWith(prefix)).sort()) {
    const rest = name.slice(prefix.length);
    const m = meeting.exec(rest);
    const n = notice.exec(rest);
    if (m !== null) {
      meetings.add(m[1] as string);
      const parsed = read.json<Parameters<typeof checkMeetingRecord>[2]>(name, caseId);
      if (parsed !== null) contentProblems.push(...checkMeetingRecord(name, m[1] as string, parsed, caseId, entries));
    } else if (n !== null) {
      const parsed = read.json<Parameters<typeof checkNotice>[2]>(name, caseId);
      if (parsed !== null) contentProblems.push(...checkNotice(name, n[1] as string, parsed, caseId, entries));
    }
  }
  contentProblems.push(...missingMeetings(entries, meetings, prefix));
  const objectionsFile = `${prefix}objections.json`;
  const hasObjections = entries.some((e) => e.eventType === 'objection.filed');
  if (files.has(objectionsFile) || hasObjections) {
    const objections = read.json<ArchivedObjection[]>(objectionsFile, caseId);
    if (objections !== null) contentProblems.push(...checkObjections(objectionsFile, Array.isArray(objections) ? objections : [], entries));
  }
  for (const p of contentProblems) add({ code: p.code, caseId, file: p.file, globalSeq: p.entry?.globalSeq ?? null, caseSeq: p.entry?.caseSeq ?? null, message: { zh: p.zh, en: p.en } });
  return entries.length;
};

/**
 * Verifies a case or unit archive offline. The checkpoint's signature (with the auditor's key, else
 * the archive's own, reported as such); the manifest's signature and every file's SHA-256; for each
 * case: every entry's hash, link and sequence, the head, a replay to the recorded end state, every
 * inclusion proof, and the meeting records, notices and objections against the chain; consistency
 * with each checkpoint the auditor already trusts.
 */
export const verifyArchive = (files: ReadonlyMap<string, Buffer>, options: { readonly key: StatementKey | null; readonly trusted: readonly string[] }): ArchiveVerification => {
  const problems: ArchiveProblem[] = [];
  const add: Add = (p) => problems.push({ caseId: null, file: null, ...p });
  const read = new Reader(files, add);
  const problem = (code: string, zh: string, en: string, file: string | null = null) => add({ code, file, globalSeq: null, caseSeq: null, message: { zh, en } });

  const manifest = read.json<ArchiveManifest>('manifest.json');
  const kind = manifest?.format === CASE_ARCHIVE_FORMAT ? 'case' : manifest?.format === UNIT_ARCHIVE_FORMAT ? 'unit' : null;
  if (manifest !== null && kind === null) problem('FORMAT', `未知的档案格式 ${String(manifest.format)}`, `unknown archive format ${String(manifest.format)}`, 'manifest.json');

  // the key: the auditor's, else the archive's own (reported as such)
  const archiveKey = parseVerifierKey(read.text('public-key.txt') ?? '');
  const key = options.key ?? archiveKey;
  if (key === null) problem('NO_KEY', '没有可用的公钥', 'no public key to verify with');
  const note = read.text('checkpoint.txt');
  let signed: { size: number; root: Buffer } | null = null;
  if (key !== null && note !== null) {
    const check = verifyCheckpoint(note, key.name, key.publicKey, manifest?.origin);
    if (!check.ok) problem('CHECKPOINT_SIGNATURE', `检查点签名无效：不是该公钥所签或已被改动（${check.reason}）`, `the checkpoint is not validly signed by the key: forged or altered (${check.reason}: ${check.detail})`, 'checkpoint.txt');
    else signed = { size: check.checkpoint.size, root: check.checkpoint.root };
  }

  // the manifest: signed, naming the checkpoint, and listing every file with its hash
  const manifestData = files.get('manifest.json');
  const sig = read.text('manifest.sig');
  if (key !== null && sig !== null && manifestData !== undefined && manifest !== null) {
    const check = verifyStatement(sig, MANIFEST_STATEMENT, key);
    if (!check.ok) problem('MANIFEST_SIGNATURE', `清单签名无效：不是该公钥所签或已被改动（${check.reason}）`, `the manifest signature is not valid for the key (${check.reason}: ${check.detail})`, 'manifest.sig');
    else if (signed !== null && check.lines.join('\n') !== manifestStatementLines(manifest.origin, signed.size, signed.root.toString('hex'), sha256(manifestData)).join('\n')) {
      problem('MANIFEST_MISMATCH', 'manifest.json 已被改动，或签名清单指向另一个检查点', 'manifest.json was altered, or the signed manifest names another checkpoint', 'manifest.json');
    }
  }
  if (manifest !== null && signed !== null && (manifest.treeSize !== signed.size || manifest.rootHash !== signed.root.toString('hex'))) {
    problem('MANIFEST_MISMATCH', 'manifest.json 与检查点不符', 'manifest.json does not match the checkpoint', 'manifest.json');
  }
  const manifestFiles: readonly ManifestFile[] = Array.isArray(manifest?.files) ? manifest.files : [];
  const listed = new Map(manifestFiles.map((f) => [f.path, f]));
  for (const [name, data] of files) {
    if (name === 'manifest.json' || name === 'manifest.sig') continue;
    const entry = listed.get(name);
    if (entry === undefined) problem('FILE_UNLISTED', `${name} 不在清单中（被加入档案）`, `${name} is not in the manifest (added to the archive)`, name);
    else if (entry.sha256 !== sha256(data)) problem('FILE_HASH_MISMATCH', `${name} 与清单中的 SHA-256 不符：文件被改动`, `${name} differs from its SHA-256 in the manifest: the file was altered`, name);
  }
  for (const name of listed.keys()) if (!files.has(name)) problem('FILE_MISSING', `档案缺少清单所列的 ${name}`, `the archive lacks ${name}, listed in the manifest`, name);

  // the cases
  const unitCases: readonly string[] = manifest?.format === UNIT_ARCHIVE_FORMAT && Array.isArray(manifest.cases) ? manifest.cases : [];
  const caseIds: readonly string[] = kind === 'unit' ? unitCases : manifest?.format === CASE_ARCHIVE_FORMAT ? [manifest.caseId] : [];
  let entries = 0;
  const unit = manifest?.format === UNIT_ARCHIVE_FORMAT ? { path: String(manifest.unit?.path), from: String(manifest.period?.from), to: String(manifest.period?.to) } : null;
  for (const id of caseIds) entries += verifyCaseDir(files, read, add, kind === 'unit' ? `cases/${id}/` : '', id, signed, unit);

  // checkpoints the auditor already trusts
  const consistency = read.json<ConsistencyProofs>('proofs.json');
  if (signed !== null && consistency !== null) {
    for (const trustedNote of options.trusted) {
      const trusted = key === null ? null : verifyCheckpoint(trustedNote, key.name, key.publicKey, manifest?.origin);
      if (trusted === null || !trusted.ok) {
        problem('TRUSTED_CHECKPOINT_SIGNATURE', '您提供的检查点签名无效', 'the checkpoint you trust does not verify with the key');
        continue;
      }
      const m = trusted.checkpoint.size;
      let consistent: boolean;
      if (m > signed.size) {
        problem('TRUSTED_CHECKPOINT_NEWER', `您信任的检查点（规模 ${m}）比档案的检查点（规模 ${signed.size}）新，无法证明一致；请取得新档案`, `the checkpoint you trust (size ${m}) is newer than the archive's (size ${signed.size}); consistency cannot be shown: get a newer archive`);
        continue;
      } else if (m === signed.size) {
        consistent = trusted.checkpoint.root.equals(signed.root);
      } else {
        const c = (consistency.consistency ?? []).find((p) => p.from === m);
        try {
          consistent = c !== undefined && verifyConsistency(m, signed.size, trusted.checkpoint.root, signed.root, c.proof.map((h) => Buffer.from(h, 'hex')));
        } catch {
          consistent = false;
        }
      }
      if (!consistent) problem('TRUSTED_CHECKPOINT_INCONSISTENT', `档案的检查点与您信任的检查点（规模 ${m}）不一致：日志被改写`, `the archive's checkpoint is not consistent with the checkpoint you trust (size ${m}): the log was rewritten`);
    }
  }
  const ordered = [...problems.filter((p) => p.globalSeq !== null).sort((a, b) => (a.globalSeq as number) - (b.globalSeq as number)), ...problems.filter((p) => p.globalSeq === null)];
  return {
    valid: ordered.length === 0,
    kind,
    caseId: manifest?.format === CASE_ARCHIVE_FORMAT ? manifest.caseId : null,
    unit: manifest?.format === UNIT_ARCHIVE_FORMAT ? { id: manifest.unit.id, name: manifest.unit.name, from: manifest.period.from, to: manifest.period.to } : null,
    cases: caseIds.length,
    entries,
    files: files.size,
    treeSize: signed?.size ?? null,
    key: key === null ? null : { verifierKey: verifierKey(key.name, key.publicKey), fromArchive: options.key === null },
    trustedCheckpoints: options.trusted.length,
    problems: ordered,
  };
};
