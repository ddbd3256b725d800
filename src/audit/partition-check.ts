import { fromRawAuditRow, type RawAuditRow } from './audit-source.js';
import { CaseCheck, checkCase, type CaseCheckResult, type CaseClaim, type CaseProblem } from './case-check.js';

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

/** A case row's claim with its snapshot still as the stored JSON text (parsed only when compared). */
export interface ClaimText {
  readonly id: string;
  readonly lastSeq: number;
  readonly headHash: string;
  readonly snapshotText: string;
}

const claimOf = (c: ClaimText): CaseClaim => {
  let snapshot: unknown;
  try {
    snapshot = JSON.parse(c.snapshotText) as unknown;
  } catch {
    snapshot = c.snapshotText; // an edited, unreadable snapshot: it then differs from the replay
  }
  return { id: c.id, lastSeq: c.lastSeq, headHash: c.headHash, snapshot };
};

/**
 * Checks every case of one pass over entries in global-sequence order: one `CaseCheck` per case
 * (chain, hashes, replay, incrementally). A case is compared with its row as soon as the entry the
 * row names as its head has passed, and its state dropped, so memory follows the cases running
 * concurrently, not all cases. Should an entry of that case come after all (the row is behind its
 * chain: tampering), the case is checked again from its own entries at the end (`reread`), exactly
 * as a single case is. Entries of cases `include` rejects are skipped before they are parsed (a
 * scope-limited verification).
 */
export const checkPartition = async (
  batches: AsyncIterable<readonly RawAuditRow[]>,
  claims: readonly ClaimText[],
  reread: (caseId: string) => Promise<readonly RawAuditRow[]>,
  include: (caseId: string) => boolean = () => true,
): Promise<PartitionResult> => {
  const claimById = new Map(claims.map((c) => [c.id, c]));
  /** Cases being checked: their check and row (undefined: no row), one lookup per entry. */
  const checks = new Map<string, { readonly check: CaseCheck; readonly claim: ClaimText | undefined }>();
  const done = new Map<string, CaseCheckResult>();
  const again = new Set<string>();
  const orphans = new Map<string, number>();
  for await (const batch of batches) {
    for (const values of batch) {
      const caseId = values[1] as string;
      if (!include(caseId)) continue;
      let live = checks.get(caseId);
      if (live === undefined && done.has(caseId)) {
        again.add(caseId);
        continue;
      }
      const entry = fromRawAuditRow(values);
      if (live === undefined) {
        const claim = claimById.get(caseId);
        live = { check: new CaseCheck(entry.caseId, claim?.lastSeq ?? null), claim };
        checks.set(caseId, live);
        if (claim === undefined) orphans.set(caseId, entry.globalSeq);
      }
      live.check.add(entry);
      if (live.claim !== undefined && entry.caseSeq === live.claim.lastSeq) {
        done.set(caseId, live.check.finish(claimOf(live.claim)));
        checks.delete(caseId);
      }
    }
  }
  for (const caseId of again) {
    const rows = await reread(caseId);
    done.set(caseId, checkCase(claimOf(claimById.get(caseId) as ClaimText), rows.map(fromRawAuditRow)));
  }
  const cases = claims.map((claim) => done.get(claim.id) ?? (checks.get(claim.id)?.check ?? new CaseCheck(claim.id, claim.lastSeq)).finish(claimOf(claim)));
  const orphanResults = [...orphans].map(([caseId, firstGlobalSeq]) => {
    const result = (checks.get(caseId)?.check as CaseCheck).finish({ id: caseId, lastSeq: -1, headHash: '', snapshot: null });
    // no row: the head and snapshot comparisons mean nothing; CASE_MISSING says it
    return { caseId, firstGlobalSeq, problems: result.problems.filter((p) => p.code !== 'HEAD_MISMATCH' && p.code !== 'SNAPSHOT_MISMATCH') };
  });
  return { cases, orphans: orphanResults };
};
