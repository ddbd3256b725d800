import type { AuditEntry } from './audit-entry.js';
import { CaseChain, emptyChainProblem } from './chain-verifier.js';
import { CaseReplay, noCreationProblem } from './replay.js';

export interface CaseProblem {
  readonly code: string;
  readonly caseSeq: number;
  /** The global sequence of the entry the problem is about, if any. */
  readonly globalSeq: number | null;
  readonly message: { readonly zh: string; readonly en: string };
}

/** What a case row claims: the head of its chain and its machine snapshot. */
export interface CaseClaim {
  readonly id: string;
  readonly lastSeq: number;
  readonly headHash: string;
  readonly snapshot: unknown;
}

export interface CaseCheckResult {
  readonly caseId: string;
  readonly valid: boolean;
  readonly entries: number;
  readonly headHash: string | null;
  /** The chain's head equals the head the case row records. */
  readonly headMatches: boolean;
  /** Replaying the audited events reproduces the stored snapshot. */
  readonly replayMatches: boolean;
  /** Chain problems, then the head, then replay, then the snapshot (docs/audit-format.md § Verifying a case). */
  readonly problems: readonly CaseProblem[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Verifies one case as its entries are read, one at a time: the chain (`CaseChain`) and the replay
 * (`CaseReplay`); `finish` then compares the end with what the case row claims. Memory is the
 * case's current machine snapshot and a few hashes, so a whole database can be checked in one
 * pass over its entries with one of these per case.
 */
export class CaseCheck {
  private readonly chain: CaseChain;
  private readonly replay = new CaseReplay();
  private readonly chainProblems: CaseProblem[] = [];
  private readonly replayProblems: CaseProblem[] = [];
  /** The last entry added (its case sequence, hash and global sequence; fields, not an object per entry). */
  private lastCaseSeq = 0;
  private lastHash = '';
  private lastGlobalSeq = 0;
  /** Global sequence of the entry with the case sequence the row claims as its last. */
  private claimedLastGlobalSeq: number | null = null;

  constructor(
    readonly caseId: string,
    private readonly claimedLastSeq: number | null = null,
  ) {
    this.chain = new CaseChain(caseId);
  }

  get entries(): number {
    return this.chain.entries;
  }

  add(entry: AuditEntry): void {
    for (const p of this.chain.add(entry)) this.chainProblems.push({ code: p.code, caseSeq: p.caseSeq, globalSeq: entry.globalSeq, message: p.message });
    for (const p of this.replay.add(entry)) this.replayProblems.push({ code: 'REPLAY_MISMATCH', caseSeq: p.caseSeq, globalSeq: p.globalSeq, message: p.message });
    this.lastCaseSeq = entry.caseSeq;
    this.lastHash = entry.hash;
    this.lastGlobalSeq = entry.globalSeq;
    if (entry.caseSeq === this.claimedLastSeq) this.claimedLastGlobalSeq = entry.globalSeq;
  }

  /** Compares the end of the chain and of the replay with the case row. */
  finish(claim: CaseClaim): CaseCheckResult {
    const problems: CaseProblem[] = this.entries === 0 ? [{ ...emptyChainProblem(), globalSeq: null }] : [...this.chainProblems];
    const head = this.entries === 0 ? null : { caseSeq: this.lastCaseSeq, hash: this.lastHash, globalSeq: this.lastGlobalSeq };
    const headMatches = head !== null && head.hash === claim.headHash && head.caseSeq === claim.lastSeq;
    if (!headMatches) {
      problems.push({
        code: 'HEAD_MISMATCH',
        caseSeq: head?.caseSeq ?? 0,
        globalSeq: head?.globalSeq ?? null,
        message: { zh: '事项记录的最新哈希与审计链末尾不一致（记录缺失或被截断）', en: 'the case head does not match the end of the chain (entries missing or truncated)' },
      });
    }
    if (this.entries === 0) {
      problems.push({ ...noCreationProblem(), code: 'REPLAY_MISMATCH' });
    } else {
      problems.push(...this.replayProblems);
    }
    const replay = this.replay.result();
    const replayMatches = replay.snapshot !== null && replay.clean && same(replay.snapshot, claim.snapshot);
    if (replay.snapshot !== null && replay.clean && !replayMatches) {
      problems.push({
        code: 'SNAPSHOT_MISMATCH',
        caseSeq: claim.lastSeq,
        globalSeq: claim.lastSeq === this.claimedLastSeq ? this.claimedLastGlobalSeq : null,
        message: { zh: '重放结果与保存的事项状态不一致（状态被修改）', en: 'the replayed state differs from the stored case (the snapshot was altered)' },
      });
    }
    return { caseId: claim.id, valid: problems.length === 0, entries: this.entries, headHash: head?.hash ?? null, headMatches, replayMatches, problems };
  }
}

/** Verifies a case from all its entries (in case-sequence order) and its row. */
export const checkCase = (claim: CaseClaim, entries: Iterable<AuditEntry>): CaseCheckResult => {
  const check = new CaseCheck(claim.id, claim.lastSeq);
  for (const entry of entries) check.add(entry);
  return check.finish(claim);
};
