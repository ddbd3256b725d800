import { fromRawAuditRow, type RawAuditRow } from './audit-reader.js';
import { CaseCheck, type CaseCheckResult, type CaseClaim, type CaseProblem } from './case-check.js';

/** Entries whose case has no row: the case was deleted. */
export interface OrphanEntries {
  readonly caseId: string;
  /** Global sequence of its first entry. */
  readonly firstGlobalSeq: number;
  /** What its chain and replay show on their own (no row to compare the end with). */
  readonly problems: readonly CaseProblem[];
}

export interface PartitionResult {
  /** One per claim, in the claims' order. */
  readonly cases: readonly CaseCheckResult[];
  /** In order of first appearance. */
  readonly orphans: readonly OrphanEntries[];
}

/**
 * Checks every case of one pass over entries in global-sequence order: one `CaseCheck` per case
 * (chain, hashes, replay, incrementally), then each compared with its row. Entries of cases
 * `include` rejects are skipped before they are parsed (a scope-limited verification).
 */
export const checkPartition = async (
  batches: AsyncIterable<readonly RawAuditRow[]>,
  claims: readonly CaseClaim[],
  include: (caseId: string) => boolean = () => true,
): Promise<PartitionResult> => {
  const claimOf = new Map(claims.map((c) => [c.id, c]));
  const checks = new Map<string, CaseCheck>();
  const orphans = new Map<string, number>();
  for await (const batch of batches) {
    for (const values of batch) {
      const caseId = values[1] as string;
      if (!include(caseId)) continue;
      const entry = fromRawAuditRow(values);
      let check = checks.get(entry.caseId);
      if (check === undefined) {
        const claim = claimOf.get(entry.caseId);
        check = new CaseCheck(entry.caseId, claim?.lastSeq ?? null);
        checks.set(entry.caseId, check);
        if (claim === undefined) orphans.set(entry.caseId, entry.globalSeq);
      }
      check.add(entry);
    }
  }
  const cases = claims.map((claim) => (checks.get(claim.id) ?? new CaseCheck(claim.id, claim.lastSeq)).finish(claim));
  const orphanResults = [...orphans].map(([caseId, firstGlobalSeq]) => {
    const result = (checks.get(caseId) as CaseCheck).finish({ id: caseId, lastSeq: -1, headHash: '', snapshot: null });
    // no row: the head and snapshot comparisons mean nothing; CASE_MISSING says it
    return { caseId, firstGlobalSeq, problems: result.problems.filter((p) => p.code !== 'HEAD_MISMATCH' && p.code !== 'SNAPSHOT_MISMATCH') };
  });
  return { cases, orphans: orphanResults };
};
