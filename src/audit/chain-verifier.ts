import { genesisHash, type AuditEntry } from './audit-entry.js';
import { CanonicalJsonError } from './canonical-json.js';
import { entryHash } from './entry-hash.js';

export type ChainProblemCode = 'HASH_MISMATCH' | 'LINK_BROKEN' | 'CASE_SEQ_GAP' | 'WRONG_CASE' | 'UNHASHABLE' | 'EMPTY_CHAIN' | 'NOT_CREATED_FIRST';

export interface ChainProblem {
  readonly code: ChainProblemCode;
  /** The case sequence of the first entry the problem shows at (0 when the chain is empty). */
  readonly caseSeq: number;
  readonly globalSeq: number | null;
  readonly message: { readonly zh: string; readonly en: string };
}

const problem = (code: ChainProblemCode, entry: AuditEntry | undefined, zh: string, en: string): ChainProblem => ({
  code,
  caseSeq: entry?.caseSeq ?? 0,
  globalSeq: entry?.globalSeq ?? null,
  message: { zh, en },
});

/**
 * One case's chain, checked entry by entry as they are read (in case-sequence order, or — for a
 * whole database read in one pass — in global-sequence order, which is the same order for an
 * untouched log): sequence 1, 2, 3… without gaps, each hash recomputed from its fields, each
 * entry linked to the previous hash (the first to the case's genesis value). O(1) memory.
 */
export class CaseChain {
  private count = 0;
  private previous: string;

  constructor(readonly caseId: string) {
    this.previous = genesisHash(caseId);
  }

  /** Entries checked so far. */
  get entries(): number {
    return this.count;
  }

  /** Checks the next entry; returns its problems (none for a good entry: the shared empty list). */
  add(entry: AuditEntry): readonly ChainProblem[] {
    const index = this.count;
    this.count += 1;
    const n = entry.caseSeq;
    let problems: ChainProblem[] | null = null;
    const report = (p: ChainProblem) => (problems ??= []).push(p);
    if (entry.caseId !== this.caseId) report(problem('WRONG_CASE', entry, `第${n}条记录属于其他事项`, `entry ${n} belongs to another case`));
    if (n !== index + 1) report(problem('CASE_SEQ_GAP', entry, `第${index + 1}条记录缺失或顺序错乱（实为第${n}条）`, `entry ${index + 1} is missing or out of order (found ${n})`));
    if (index === 0 && entry.kind !== 'case.created') report(problem('NOT_CREATED_FIRST', entry, '第一条记录不是立案记录', 'the first entry is not the case creation'));
    if (entry.prevHash !== this.previous) report(problem('LINK_BROKEN', entry, `第${n}条记录与前一条的链接断开`, `entry ${n} does not link to the previous entry`));
    try {
      // entryHash computes the same bytes as the writer's hashEntry (entry-hash.spec.ts), faster
      if (entryHash(entry) !== entry.hash) report(problem('HASH_MISMATCH', entry, `第${n}条记录的内容与其哈希不符（被修改）`, `entry ${n} does not match its hash (altered)`));
    } catch (error) {
      if (!(error instanceof CanonicalJsonError)) throw error;
      report(problem('UNHASHABLE', entry, `第${n}条记录无法规范化`, `entry ${n} cannot be canonicalised`));
    }
    this.previous = entry.hash;
    return problems ?? NONE;
  }
}

const NONE: readonly ChainProblem[] = Object.freeze([]);

export const emptyChainProblem = (): ChainProblem => problem('EMPTY_CHAIN', undefined, '该事项没有任何审计记录', 'the case has no audit entries');

/**
 * Checks one case's chain, entries in case-sequence order as stored (see `CaseChain`). Every
 * problem is listed; the first names the first bad entry.
 */
export const verifyCaseChain = (caseId: string, entries: readonly AuditEntry[]): ChainProblem[] => {
  if (entries.length === 0) return [emptyChainProblem()];
  const chain = new CaseChain(caseId);
  return entries.flatMap((entry) => chain.add(entry));
};

/** Global sequence numbers must run 1, 2, 3… with no gap across all cases. Returns the missing ranges. */
export const globalSequenceGaps = (sortedGlobalSeqs: readonly number[], from = 1): { from: number; to: number }[] => {
  const gaps: { from: number; to: number }[] = [];
  let expected = from;
  for (const seq of sortedGlobalSeqs) {
    if (seq > expected) gaps.push({ from: expected, to: seq - 1 });
    expected = Math.max(expected, seq + 1);
  }
  return gaps;
};
