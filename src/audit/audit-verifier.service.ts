import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { scopeOf, scopeSql, type Actor } from '../auth/actor.js';
import { rawQuery } from '../database/raw-query.js';
import { CASE_COLUMNS, fromCaseRow, type CaseRecord, type CaseRow } from '../cases/case-record.js';
import { AuditReader } from './audit-reader.js';
import { globalSequenceGaps, verifyCaseChain, type ChainProblem } from './chain-verifier.js';
import { replayCase } from './replay.js';

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

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Verification as an auditor would do it: recompute every hash and link, check sequences, replay
 * the events through the recorded procedure version and compare with what the case row claims.
 */
@Injectable()
export class AuditVerifier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: AuditReader,
  ) {}

  async verifyCase(record: CaseRecord): Promise<CaseVerification> {
    const entries = await this.reader.ofCase(record.id);
    const problems: { code: string; caseSeq: number; message: { zh: string; en: string } }[] = verifyCaseChain(record.id, entries).map(
      (p: ChainProblem) => ({ code: p.code, caseSeq: p.caseSeq, message: p.message }),
    );
    const head = entries.at(-1);
    const headMatches = head !== undefined && head.hash === record.headHash && head.caseSeq === record.lastSeq;
    if (!headMatches) {
      problems.push({
        code: 'HEAD_MISMATCH',
        caseSeq: head?.caseSeq ?? 0,
        message: { zh: '事项记录的最新哈希与审计链末尾不一致（记录缺失或被截断）', en: 'the case head does not match the end of the chain (entries missing or truncated)' },
      });
    }
    const replay = replayCase(entries);
    for (const p of replay.problems) problems.push({ code: 'REPLAY_MISMATCH', caseSeq: p.caseSeq, message: p.message });
    const replayMatches = replay.snapshot !== null && replay.problems.length === 0 && same(replay.snapshot, record.snapshot);
    if (replay.snapshot !== null && replay.problems.length === 0 && !replayMatches) {
      problems.push({
        code: 'SNAPSHOT_MISMATCH',
        caseSeq: record.lastSeq,
        message: { zh: '重放结果与保存的事项状态不一致（状态被修改）', en: 'the replayed state differs from the stored case (the snapshot was altered)' },
      });
    }
    return { caseId: record.id, valid: problems.length === 0, entries: entries.length, headHash: head?.hash ?? null, headMatches, replayMatches, problems };
  }

  /** Every case in the actor's scope, plus the global sequence (gapless across all cases). */
  async verifyScope(actor: Actor): Promise<{ valid: boolean; cases: number; entries: number; globalSequenceGaps: { from: number; to: number }[]; invalid: CaseVerification[] }> {
    const scope = scopeSql(scopeOf(actor), 'unit_path', 's');
    const names = Object.keys(scope.params);
    let i = 0;
    const sql = scope.sql.replace(/:(s\d+)/g, () => `$${++i}`);
    const rows = await rawQuery<CaseRow>(this.dataSource, `SELECT ${CASE_COLUMNS} FROM cases WHERE ${sql} ORDER BY created_at, id`, names.map((n) => scope.params[n]));
    const results: CaseVerification[] = [];
    for (const row of rows) results.push(await this.verifyCase(fromCaseRow(row)));
    const { seqs, last } = await this.reader.globalSequence();
    const gaps = globalSequenceGaps(seqs);
    if (last > (seqs.at(-1) ?? 0)) gaps.push({ from: (seqs.at(-1) ?? 0) + 1, to: last });
    const invalid = results.filter((r) => !r.valid);
    return {
      valid: invalid.length === 0 && gaps.length === 0,
      cases: results.length,
      entries: results.reduce((n, r) => n + r.entries, 0),
      globalSequenceGaps: gaps,
      invalid,
    };
  }
}
