import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { CheckpointService } from '../../src/audit/checkpoint.service.js';
import { signCheckpoint } from '../../src/audit/checkpoint-note.js';
import { runCli } from '../../src/cli/run-cli.js';
import { rawQuery } from '../../src/database/raw-query.js';
import { buildCaseOrg, type CaseOrg } from '../support/case-org.js';
import { removeSqlite } from '../support/reset-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { withoutAuditTriggers } from '../support/tamper.js';

const ORIGIN = 'feicui.example.cn/audit';
const pgUrl = process.env.MINYI_TEST_DATABASE_URL;
const onPostgres = pgUrl !== undefined && pgUrl !== '';

const collect = () => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
};

interface Scenario {
  t: TestApp;
  db: DataSource;
  org: CaseOrg;
  dir: string;
  sqlite: string;
  env: Record<string, string>;
  cases: string[];
  checkpoints: CheckpointService;
  cli: (...extra: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh installation with two cases of three entries, interleaved, and a checkpoint over them. */
const installation = async (): Promise<Scenario> => {
  const dir = mkdtempSync(join(tmpdir(), 'minyi-verify-'));
  dirs.push(dir);
  const sqlite = join(dir, 'minyi.sqlite');
  const env = {
    DATABASE_URL: onPostgres ? (pgUrl) : sqlite,
    MINYI_DATA_DIR: dir,
    MINYI_ORIGIN: ORIGIN,
    MINYI_SCRYPT_N: '1024',
    MINYI_LOG_LEVEL: 'silent',
    MINYI_JWT_SECRET: 'verify-test-secret-verify-test-secret-0',
  };
  const t = await startTestApp({ ...env, MINYI_MANUAL_CLOCK: 'true', MINYI_TIMER_POLL_MS: '0', MINYI_CHECKPOINT_INTERVAL_MS: '0', NODE_ENV: 'test' });
  const db = t.app.get(DataSource);
  const org = await buildCaseOrg(t);
  const open = async () => {
    const res = await org.people.resident.caller.post('/api/cases', { procedure: 'five-step', unitId: org.units.feicuijun, title: '日间照料中心', description: '改善服务' });
    return (res.body as { id: string }).id;
  };
  const a = await open();
  const b = await open();
  for (const id of [a, b]) await org.people.clerk.caller.post(`/api/cases/${id}/events`, { type: 'topic.accept', payload: {} }).expect(200);
  for (const id of [a, b]) await org.people.clerk.caller.post(`/api/cases/${id}/events`, { type: 'research.addFinding', payload: { summary: '原始发现' } }).expect(200);
  const checkpoints = t.app.get(CheckpointService);
  expect(await checkpoints.sign('manual')).toMatchObject({ treeSize: 6 });
  const cli = async (...extra: string[]) => {
    const out = collect();
    const err = collect();
    const code = await runCli(['verify', '--database', ...extra], { stdin: Readable.from(['']), stdout: out.stream, stderr: err.stream }, env);
    return { code, stdout: out.text(), stderr: err.text() };
  };
  return { t, db, org, dir, sqlite, env, cases: [a, b], checkpoints, cli };
};

const finish = async (s: Scenario) => {
  await s.t.close();
  if (!onPostgres) removeSqlite(s.sqlite);
};

describe('npm run cli -- verify --database', () => {
  it('verifies an untouched database, counting the entries after the last checkpoint', async () => {
    const s = await installation();
    try {
      await s.org.people.clerk.caller.post(`/api/cases/${s.cases[0] as string}/events`, { type: 'research.addFinding', payload: { summary: '再一条' } }).expect(200);
      const result = await s.cli();
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Audit log: 7 entries in 2 cases');
      expect(result.stdout).toMatch(/Latest signed checkpoint: size 6 \(database\), consistent with the log now; 1 entries after it/);
      expect(result.stdout).toContain('验证通过 / VERIFIED');
      // the auditor's own copy of the key, as a C2SP verifier key
      const vkey = (await s.org.people.supervisor.caller.get('/api/audit/public-key').expect(200)).body as { verifierKey: string };
      writeFileSync(join(s.dir, 'minyi.vkey'), `${vkey.verifierKey}\n`);
      expect((await s.cli('--public-key', join(s.dir, 'minyi.vkey'))).code).toBe(0);
    } finally {
      await finish(s);
    }
  });

  it('names the entry whose payload was edited', async () => {
    const s = await installation();
    try {
      await withoutAuditTriggers(s.db, () => rawQuery(s.db, "UPDATE audit_entries SET payload = $1 WHERE global_seq = 5", [JSON.stringify({ summary: '篡改' })]));
      const result = await s.cli();
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('验证失败 / VERIFICATION FAILED');
      expect(result.stderr).toMatch(/first problem: \[HASH_MISMATCH\] 全局序号 \/ global sequence 5/);
      expect(result.stderr).toContain('does not match its hash (altered)');
    } finally {
      await finish(s);
    }
  });

  it('finds a deleted entry', async () => {
    const s = await installation();
    try {
      await withoutAuditTriggers(s.db, () => rawQuery(s.db, 'DELETE FROM audit_entries WHERE global_seq = 4'));
      const result = await s.cli();
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/first problem: \[GLOBAL_SEQ_GAP\] 全局序号 \/ global sequence 4/);
      expect(result.stderr).toContain('entries 4–4 of the global sequence are missing (deleted)');
      expect(result.stderr).toContain('[CHECKPOINT_AHEAD]');
    } finally {
      await finish(s);
    }
  });

  it('finds two entries swapped in the global order', async () => {
    const s = await installation();
    try {
      await withoutAuditTriggers(s.db, async () => {
        await rawQuery(s.db, 'UPDATE audit_entries SET global_seq = 1000 WHERE global_seq = 3');
        await rawQuery(s.db, 'UPDATE audit_entries SET global_seq = 3 WHERE global_seq = 4');
        await rawQuery(s.db, 'UPDATE audit_entries SET global_seq = 4 WHERE global_seq = 1000');
      });
      const result = await s.cli();
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/first problem: \[HASH_MISMATCH\] 全局序号 \/ global sequence 3/);
      expect(result.stderr).toContain('CHECKPOINT_INCONSISTENT');
    } finally {
      await finish(s);
    }
  });

  it('finds the tail cut off after a checkpoint, even with the sequence and case heads patched', async () => {
    const s = await installation();
    try {
      await withoutAuditTriggers(s.db, async () => {
        const [kept] = await rawQuery<{ hash: string }>(s.db, 'SELECT hash FROM audit_entries WHERE global_seq = 3');
        await rawQuery(s.db, 'DELETE FROM audit_entries WHERE global_seq > 4');
        await rawQuery(s.db, 'UPDATE audit_sequence SET last_global_seq = 4');
        await rawQuery(s.db, 'UPDATE cases SET last_seq = 2, head_hash = $1 WHERE id = $2', [kept?.hash, s.cases[0]]);
      });
      const result = await s.cli();
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('CHECKPOINT_AHEAD');
      expect(result.stderr).toContain('signed 6 entries but the database holds 4: entries were removed (the tail cut off, or the database rolled back');
    } finally {
      await finish(s);
    }
  });

  it.skipIf(onPostgres)('finds the database rolled back to an earlier copy (the checkpoint kept outside the database)', async () => {
    const s = await installation();
    const backup = join(s.dir, 'backup.sqlite');
    try {
      await s.db.query('PRAGMA wal_checkpoint(TRUNCATE)');
      copyFileSync(s.sqlite, backup);
      for (const id of s.cases) await s.org.people.clerk.caller.post(`/api/cases/${id}/events`, { type: 'research.addFinding', payload: { summary: '回滚前' } }).expect(200);
      expect(await s.checkpoints.sign('manual')).toMatchObject({ treeSize: 8 });
    } finally {
      await s.t.close();
    }
    removeSqlite(s.sqlite);
    copyFileSync(backup, s.sqlite);
    const result = await s.cli();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/first problem: \[CHECKPOINT_AHEAD\] 全局序号 \/ global sequence 7/);
    expect(result.stderr).toMatch(/a checkpoint \(data directory audit-checkpoint-latest.txt\) signed 8 entries but the database holds 6/);
    // the server started on the restored copy refuses to sign over it
    const again = await startTestApp({ ...s.env, MINYI_MANUAL_CLOCK: 'true', MINYI_TIMER_POLL_MS: '0', MINYI_CHECKPOINT_INTERVAL_MS: '0', NODE_ENV: 'test' }, { reset: false });
    try {
      const service = again.app.get(CheckpointService);
      expect(await service.sign('manual')).toBeNull();
      expect(service.refusal).toMatch(/the tree has 6 entries, fewer than the 8 the latest checkpoint signed/);
    } finally {
      await again.close();
    }
    removeSqlite(s.sqlite);
  });

  it('finds a whole case dropped', async () => {
    const s = await installation();
    try {
      const victim = s.cases[1] as string;
      await withoutAuditTriggers(s.db, async () => {
        await rawQuery(s.db, 'DELETE FROM timers WHERE case_id = $1', [victim]);
        await rawQuery(s.db, 'DELETE FROM audit_entries WHERE case_id = $1', [victim]);
        await rawQuery(s.db, 'DELETE FROM cases WHERE id = $1', [victim]);
      });
      const result = await s.cli();
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Audit log: 3 entries in 1 cases');
      expect(result.stderr).toMatch(/first problem: \[GLOBAL_SEQ_GAP\] 全局序号 \/ global sequence 2/);
      expect(result.stderr).toContain('signed 6 entries but the database holds 3: entries were removed');
    } finally {
      await finish(s);
    }
  });

  it('finds a checkpoint forged with another key', async () => {
    const s = await installation();
    try {
      const forged = signCheckpoint({ origin: ORIGIN, size: 6, root: Buffer.alloc(32, 1) }, ORIGIN, generateKeyPairSync('ed25519').privateKey);
      await rawQuery(s.db, "DELETE FROM audit_checkpoints");
      await rawQuery(s.db, "INSERT INTO audit_checkpoints (tree_size, root_hash, key_id, signed_at, reason, note) VALUES (6, $1, 'deadbeef', '2026-01-01T00:00:00.000Z', 'manual', $2)", ['01'.repeat(32), forged]);
      rmSync(join(s.dir, 'audit-checkpoint-latest.txt'));
      const result = await s.cli();
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/first problem: \[CHECKPOINT_SIGNATURE\]/);
      expect(result.stderr).toContain("is not validly signed by this installation's key: forged or altered (NO_SIGNATURE_BY_KEY");
      // and the server will not sign over it
      expect(await s.checkpoints.sign('manual')).toBeNull();
      expect(s.checkpoints.refusal).toMatch(/does not verify with this key/);
    } finally {
      await finish(s);
    }
  });
});
