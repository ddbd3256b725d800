import { hashEntry, type AuditEntry } from './audit-entry.js';
import { verifierKey, verifyCheckpoint } from './checkpoint-note.js';
import { auditLeafHash, verifyInclusion } from './merkle/index.js';
import { parseVerifierKey, verifyStatement, type StatementKey } from './archive/signed-statement.js';

/**
 * Signed receipts: the installation's statement that an audit entry was accepted, which a
 * participant keeps as proof. The statement is a C2SP signed-note by the checkpoint key (see
 * archive/signed-statement.ts) of these lines:
 *
 *     minyi/receipt/v1
 *     <origin>
 *     <caseId>
 *     <caseSeq>
 *     <globalSeq>
 *     <entry hash, 64 lower-case hex>
 *     <recordedAt>
 *
 * The receipt file (the route's JSON answer) adds the entry itself and, when a signed checkpoint
 * covers the entry, its inclusion proof against that checkpoint. docs/audit-format.md has it all.
 */
export const RECEIPT_STATEMENT = 'minyi/receipt/v1';
export const RECEIPT_FORMAT = 'minyi-receipt/1';

export interface ReceiptInclusion {
  readonly treeSize: number;
  readonly rootHash: string;
  readonly proof: readonly string[];
  /** The signed checkpoint of treeSize, exactly as signed. */
  readonly checkpoint: string;
}

export interface ReceiptFile {
  readonly format: typeof RECEIPT_FORMAT;
  readonly statement: string;
  readonly verifierKey: string;
  readonly entry: AuditEntry;
  readonly inclusion: ReceiptInclusion | null;
}

export const receiptLines = (origin: string, entry: AuditEntry): string[] => [
  RECEIPT_STATEMENT,
  origin,
  entry.caseId,
  String(entry.caseSeq),
  String(entry.globalSeq),
  entry.hash,
  entry.recordedAt,
];

export interface ReceiptProblem {
  readonly code: 'RECEIPT_MALFORMED' | 'RECEIPT_SIGNATURE' | 'RECEIPT_ENTRY_MISMATCH' | 'CHECKPOINT_SIGNATURE' | 'INCLUSION_FAILED' | 'NO_KEY';
  readonly message: { readonly zh: string; readonly en: string };
}

export interface ReceiptVerification {
  readonly valid: boolean;
  readonly origin: string | null;
  readonly caseId: string | null;
  readonly caseSeq: number | null;
  readonly globalSeq: number | null;
  readonly hash: string | null;
  readonly recordedAt: string | null;
  /** The tree size the entry was proven in, when the receipt carries a proof. */
  readonly includedIn: number | null;
  readonly key: { readonly verifierKey: string; readonly fromReceipt: boolean } | null;
  readonly problems: readonly ReceiptProblem[];
}


/**
 * Verifies a receipt offline: the file's JSON, or the bare signed statement. The statement's
 * signature (with the given key, else the receipt's own, reported as such); that the entry, when
 * present, hashes to the signed hash and is the signed case, sequence and time; and the inclusion
 * proof, when present, against its checkpoint signed by the same key.
 */
export const verifyReceipt = (text: string, trustedKey: StatementKey | null): ReceiptVerification => {
  const problems: ReceiptProblem[] = [];
  const add = (code: ReceiptProblem['code'], zh: string, en: string) => problems.push({ code, message: { zh, en } });
  let file: Partial<ReceiptFile> = {};
  if (text.trimStart().startsWith('{')) {
    try {
      file = JSON.parse(text) as Partial<ReceiptFile>;
    } catch {
      add('RECEIPT_MALFORMED', '回执不是有效的 JSON', 'the receipt is not valid JSON');
    }
  } else {
    file = { statement: text };
  }
  const key = trustedKey ?? (typeof file.verifierKey === 'string' ? parseVerifierKey(file.verifierKey) : null);
  const none = { valid: false, origin: null, caseId: null, caseSeq: null, globalSeq: null, hash: null, recordedAt: null, includedIn: null };
  if (key === null) {
    add('NO_KEY', '没有可用的公钥', 'no public key to verify with');
    return { ...none, key: null, problems };
  }
  const keyInfo = { verifierKey: verifierKey(key.name, key.publicKey), fromReceipt: trustedKey === null };
  if (typeof file.statement !== 'string') {
    add('RECEIPT_MALFORMED', '回执中没有签名声明', 'the receipt holds no signed statement');
    return { ...none, key: keyInfo, problems };
  }
  const check = verifyStatement(file.statement, RECEIPT_STATEMENT, key);
  if (!check.ok) {
    add(check.reason === 'MALFORMED' ? 'RECEIPT_MALFORMED' : 'RECEIPT_SIGNATURE', `回执签名无效：不是该公钥所签或已被改动（${check.reason}）`, `the receipt is not validly signed by the key: forged or altered (${check.reason}: ${check.detail})`);
    return { ...none, key: keyInfo, problems };
  }
  const [, origin, caseId, caseSeqText, globalSeqText, hash, recordedAt] = check.lines;
  const caseSeq = Number(caseSeqText);
  const globalSeq = Number(globalSeqText);
  if (check.lines.length !== 7 || !Number.isSafeInteger(caseSeq) || caseSeq < 1 || !Number.isSafeInteger(globalSeq) || globalSeq < 1 || !/^[0-9a-f]{64}$/.test(hash ?? '')) {
    add('RECEIPT_MALFORMED', '回执声明格式不正确', 'the signed statement is malformed');
    return { ...none, key: keyInfo, problems };
  }
  const entry = file.entry;
  if (entry !== undefined) {
    let recomputed = '';
    try {
      recomputed = hashEntry(entry);
    } catch {
      recomputed = '';
    }
    if (recomputed !== hash || entry.hash !== hash || entry.caseId !== caseId || entry.caseSeq !== caseSeq || entry.globalSeq !== globalSeq || entry.recordedAt !== recordedAt) {
      add('RECEIPT_ENTRY_MISMATCH', '回执所附的审计记录与签名声明不符（记录被改动）', 'the audit entry in the receipt does not match the signed statement (the entry was altered)');
    }
  }
  let includedIn: number | null = null;
  const inclusion = file.inclusion;
  if (inclusion !== undefined && inclusion !== null) {
    const cp = verifyCheckpoint(inclusion.checkpoint, key.name, key.publicKey, origin);
    if (!cp.ok) add('CHECKPOINT_SIGNATURE', `回执所附检查点签名无效（${cp.reason}）`, `the checkpoint in the receipt is not validly signed by the key (${cp.reason}: ${cp.detail})`);
    else {
      let ok = false;
      try {
        ok = verifyInclusion(auditLeafHash(hash as string), globalSeq - 1, cp.checkpoint.size, inclusion.proof.map((h) => Buffer.from(h, 'hex')), cp.checkpoint.root);
      } catch {
        ok = false;
      }
      if (ok) includedIn = cp.checkpoint.size;
      else add('INCLUSION_FAILED', '包含证明不成立：该记录不在所附检查点签名的日志中', 'the inclusion proof fails: the entry is not in the log the checkpoint signed');
    }
  }
  return { valid: problems.length === 0, origin: origin ?? null, caseId: caseId ?? null, caseSeq, globalSeq, hash: hash ?? null, recordedAt: recordedAt ?? null, includedIn, key: keyInfo, problems };
};
