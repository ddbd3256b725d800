import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { scopeOf, scopeSql, type Actor } from '../auth/actor.js';
import { rawQuery } from '../database/raw-query.js';
import type { CaseRecord, CaseRow } from '../cases/case-record.js';
import { AuditReader } from './audit-reader.js';
import { openAuditSource } from './audit-source.js';
import { checkCase, type CaseCheckResult } from './case-check.js';
import { checkPartition } from './partition-check.js';

export interface CaseVerification {
  readonly caseId: string;
  readonly valid: boolean;
  readonly entries: number;
  readonly headHash: string | null;
  /** The chain's head equals the head the case row records. */
  readonly headMatches: boolean;
  /** Replaying the audited events reproduces the stored snapshot. */
  readonly replayMatches: boolean;
  readonly problems: readonly { code: string; caseSeq: number; message: { zh: string; en: string } }[];
}

/** The route's shape: problems name the case sequence (the global one is the database verifier's). */
const toVerification = (r: CaseCheckResult): CaseVerification => ({
  caseId: r.caseId,
  valid: r.valid,
  entries: r.entries,
  headHash: r.headHash,
  headMatches: r.headMatches,
  replayMatches: r.replayMatches,
  problems: r.problems.map((p) => ({ code: p.code, caseSeq: p.caseSeq, message: p.message })),
});

/**
 * Verification as an auditor would do it: recompute every hash and link, check sequences, replay
 * the events through the recorded procedure version and compare with what the case row claims
 * (case-check.ts). One case reads its entries; a whole scope reads all entries once, in global
 * order, with the database verifier's pass (partition-check.ts).
 */
@Injectable()
export class AuditVerifier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: AuditReader,
  ) {}

  async verifyCase(record: CaseRecord): Promise<CaseVerification> {
    const entries = await this.reader.ofCase(record.id);
    return toVerification(checkCase({ id: record.id, lastSeq: record.lastSeq, headHash: record.headHash, snapshot: record.snapshot }, entries));
  }

  /** Every case in the actor's scope, plus the global sequence (gapless across all cases). */
  async verifyScope(actor: Actor): Promise<{ valid: boolean; cases: number; entries: number; globalSequenceGaps: { from: number; to: number }[]; invalid: CaseVerification[] }> {
    const scope = scopeSql(scopeOf(actor), 'unit_path', 's');
    const names = Object.keys(scope.params);
    let i = 0;
    const sql = scope.sql.replace(/:(s\d+)/g, () => `$${++i}`);
    const ids = new Set((await rawQuery<Pick<CaseRow, 'id'>>(this.dataSource, `SELECT id FROM cases WHERE ${sql}`, names.map((n) => scope.params[n]))).map((r) => r.id));
    const source = await openAuditSource(this.dataSource);
    try {
      // the case rows as read in the same consistent view as the entries
      const claims = source.cases.filter((row) => ids.has(row.id)).map((row) => ({ id: row.id, lastSeq: Number(row.last_seq), headHash: row.head_hash, snapshotText: row.snapshot }));
      const inScope = new Set(claims.map((c) => c.id));
      const gaps: { from: number; to: number }[] = [];
      let expected = 1;
      for await (const batch of source.hashes()) {
        for (const [seq] of batch) {
          if (seq > expected) gaps.push({ from: expected, to: seq - 1 });
          expected = Math.max(expected, seq + 1);
        }
      }
      if (source.lastGlobalSeq > expected - 1) gaps.push({ from: expected, to: source.lastGlobalSeq });
      const { cases } = await checkPartition(source.entries(null), claims, (caseId) => source.caseEntries(caseId), (caseId) => inScope.has(caseId));
      const results = cases.map(toVerification);
      const invalid = results.filter((r) => !r.valid);
      return {
        valid: invalid.length === 0 && gaps.length === 0,
        cases: results.length,
        entries: results.reduce((n, r) => n + r.entries, 0),
        globalSequenceGaps: gaps,
        invalid,
      };
    } finally {
      await source.close();
    }
  }
}
