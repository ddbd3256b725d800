import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckpointService } from '../../src/audit/checkpoint.service.js';
import { verifyDatabase, type DatabaseVerification } from '../../src/audit/database-verification.js';
import { rawQuery } from '../../src/database/raw-query.js';
import { buildCaseOrg, type CaseOrg } from '../support/case-org.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { withoutAuditTriggers } from '../support/tamper.js';

/**
 * The database verifier reads all entries in one pass in global order and checks each case as its
 * entries go by (src/audit/partition-check.ts); the CLI splits the cases between two threads. These
 * check what that design could get wrong, on SQLite and PostgreSQL: the split into two partitions
 * gives exactly the verdict of one pass; a case row that is behind its chain (compared early at the
 * head it names, then more entries come) is still found; and `GET /api/audit/verify`, which shares
 * the pass, keeps its answer's shape.
 */
describe('verify --database: one pass, two partitions', () => {
  let t: TestApp;
  let db: DataSource;
  let org: CaseOrg;
  const cases: string[] = [];
  let options: Parameters<typeof verifyDatabase>[1];

  const both = async (): Promise<DatabaseVerification> => {
    const one = await verifyDatabase(db, { ...options, partitions: 1 });
    const two = await verifyDatabase(db, { ...options, partitions: 2 });
    expect(two).toEqual(one);
    return one;
  };

  beforeAll(async () => {
    t = await startTestApp({ MINYI_MANUAL_CLOCK: 'true', MINYI_TIMER_POLL_MS: '0', MINYI_CHECKPOINT_INTERVAL_MS: '0', MINYI_ORIGIN: 'stream.example/audit' });
    db = t.app.get(DataSource);
    org = await buildCaseOrg(t);
    // enough cases that both partitions (ids starting 0–7, and the rest) are very likely to hold some
    for (let i = 0; i < 12; i += 1) {
      const res = await org.people.resident.caller.post('/api/cases', { procedure: 'five-step', unitId: org.units.feicuijun, title: `议题${i}`, description: '说明' }).expect(201);
      cases.push((res.body as { id: string }).id);
    }
    for (const id of cases) await org.people.clerk.caller.post(`/api/cases/${id}/events`, { type: 'topic.accept', payload: {} }).expect(200);
    for (const id of cases) await org.people.clerk.caller.post(`/api/cases/${id}/events`, { type: 'research.addFinding', payload: { summary: '走访' } }).expect(200);
    const checkpoints = t.app.get(CheckpointService);
    expect(await checkpoints.sign('manual')).toMatchObject({ treeSize: 36 });
    options = { key: { name: checkpoints.name, publicKey: checkpoints.publicKey }, origin: 'stream.example/audit', external: [] };
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('gives the same verdict on one thread and split in two partitions, for an untouched log', async () => {
    expect(new Set(cases.map((id) => '01234567'.includes(id.charAt(0)))).size).toBe(2);
    const result = await both();
    expect(result).toMatchObject({ valid: true, entries: 36, cases: 12, entriesAfterCheckpoint: 0, checkpoint: { size: 36, consistent: true } });
  });

  it('finds a case row rolled back behind its chain (checked early at the head it names, then more entries)', async () => {
    const victim = cases[3] as string;
    const [second] = await rawQuery<{ hash: string }>(db, 'SELECT hash FROM audit_entries WHERE case_id = $1 AND case_seq = 2', [victim]);
    const [row] = await rawQuery<{ last_seq: number; head_hash: string; snapshot: string }>(db, 'SELECT last_seq, head_hash, snapshot FROM cases WHERE id = $1', [victim]);
    try {
      await rawQuery(db, 'UPDATE cases SET last_seq = 2, head_hash = $1 WHERE id = $2', [second?.hash, victim]);
      const result = await both();
      expect(result.valid).toBe(false);
      expect(result.problems.map((p) => [p.code, p.caseId])).toContainEqual(['HEAD_MISMATCH', victim]);
      const scope = (await org.root.get('/api/audit/verify').expect(200)).body as { valid: boolean; invalid: { caseId: string; problems: { code: string }[] }[] };
      expect(scope.valid).toBe(false);
      expect(scope.invalid.map((c) => [c.caseId, c.problems.map((p) => p.code)])).toEqual([[victim, ['HEAD_MISMATCH']]]);
    } finally {
      await rawQuery(db, 'UPDATE cases SET last_seq = $1, head_hash = $2, snapshot = $3 WHERE id = $4', [row?.last_seq, row?.head_hash, row?.snapshot, victim]);
    }
    expect((await both()).valid).toBe(true);
  });

  it('names the first bad entry the same way in both partitions when entries of two cases are edited', async () => {
    const [a, b] = [cases.find((id) => '01234567'.includes(id.charAt(0))), cases.find((id) => !'01234567'.includes(id.charAt(0)))] as string[];
    await withoutAuditTriggers(db, async () => {
      await rawQuery(db, 'UPDATE audit_entries SET payload = $1 WHERE case_id = $2 AND case_seq = 3', [JSON.stringify({ summary: '篡改' }), a]);
      await rawQuery(db, 'UPDATE audit_entries SET payload = $1 WHERE case_id = $2 AND case_seq = 3', [JSON.stringify({ summary: '篡改' }), b]);
    });
    const seqs = await rawQuery<{ global_seq: number }>(db, 'SELECT global_seq FROM audit_entries WHERE case_seq = 3 AND case_id IN ($1, $2) ORDER BY global_seq', [a, b]);
    const result = await both();
    expect(result.problems.filter((p) => p.code === 'HASH_MISMATCH').map((p) => p.globalSeq)).toEqual(seqs.map((s) => Number(s.global_seq)));
    expect(result.problems[0]).toMatchObject({ code: 'HASH_MISMATCH', globalSeq: Number(seqs[0]?.global_seq), caseSeq: 3 });
    // the route keeps its shape: per case, problems with a case sequence and no more
    const scope = (await org.root.get('/api/audit/verify').expect(200)).body as { valid: boolean; cases: number; entries: number; globalSequenceGaps: unknown[]; invalid: Record<string, unknown>[] };
    expect(Object.keys(scope).sort()).toEqual(['cases', 'entries', 'globalSequenceGaps', 'invalid', 'valid']);
    expect(scope).toMatchObject({ valid: false, cases: 12, entries: 36, globalSequenceGaps: [] });
    expect(Object.keys(scope.invalid[0] as object).sort()).toEqual(['caseId', 'entries', 'headHash', 'headMatches', 'problems', 'replayMatches', 'valid']);
    expect((scope.invalid[0] as { problems: Record<string, unknown>[] }).problems[0]).toEqual({ code: 'HASH_MISMATCH', caseSeq: 3, message: expect.objectContaining({ en: 'entry 3 does not match its hash (altered)' }) as unknown });
  });
});
