import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip, writeZip } from '../../src/audit/archive/zip.js';
import { genesisHash, sealEntry, type AuditEntry } from '../../src/audit/audit-entry.js';
import { CheckpointService } from '../../src/audit/checkpoint.service.js';
import { parseSigningKey } from '../../src/audit/checkpoint-key.js';
import { signCheckpoint } from '../../src/audit/checkpoint-note.js';
import { runCli } from '../../src/cli/run-cli.js';
import { buildCaseOrg, type CaseOrg } from '../support/case-org.js';
import { removeSqlite } from '../support/reset-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ORIGIN = 'feicui.example.cn/audit';
const pgUrl = process.env.MINYI_TEST_DATABASE_URL;
const onPostgres = pgUrl !== undefined && pgUrl !== '';

const collect = () => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
};

describe('case archives: npm run cli -- archive, verify --archive', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minyi-archive-'));
  const sqlite = join(dir, 'minyi.sqlite');
  const env = {
    DATABASE_URL: onPostgres ? (pgUrl) : sqlite,
    MINYI_DATA_DIR: dir,
    MINYI_ORIGIN: ORIGIN,
    MINYI_SCRYPT_N: '1024',
    MINYI_LOG_LEVEL: 'silent',
    MINYI_JWT_SECRET: 'archive-test-secret-archive-test-secret',
  };
  let t: TestApp;
  let org: CaseOrg;
  let caseId: string;
  const archive = join(dir, 'case.zip');
  const vkeyFile = join(dir, 'trusted.vkey');
  const firstCheckpoint = join(dir, 'first-checkpoint.txt');

  const cli = async (...argv: string[]) => {
    const out = collect();
    const err = collect();
    const code = await runCli(argv, { stdin: Readable.from(['']), stdout: out.stream, stderr: err.stream }, env);
    return { code, stdout: out.text(), stderr: err.text() };
  };
  /** Rewrites one file of the archive and verifies the result with the trusted key. */
  const tampered = async (name: string, change: (text: string) => string, ...extra: string[]) => {
    const files = readZip(readFileSync(archive));
    files.set(name, Buffer.from(change((files.get(name) as Buffer).toString('utf8')), 'utf8'));
    const file = join(dir, `tampered-${Math.random().toString(36).slice(2)}.zip`);
    writeFileSync(file, writeZip([...files].map(([n, data]) => ({ name: n, data }))));
    return cli('verify', '--archive', file, '--public-key', vkeyFile, ...extra);
  };
  const lines = (text: string) => text.split('\n').filter((l) => l !== '');
  const entriesOf = (text: string) => lines(text).map((l) => JSON.parse(l) as AuditEntry);
  const jsonl = (entries: AuditEntry[]) => entries.map((e) => `${JSON.stringify(e)}\n`).join('');

  beforeAll(async () => {
    t = await startTestApp({ ...env, MINYI_MANUAL_CLOCK: 'true', MINYI_TIMER_POLL_MS: '0', MINYI_CHECKPOINT_INTERVAL_MS: '0', NODE_ENV: 'test' });
    org = await buildCaseOrg(t);
    const res = await org.people.resident.caller.post('/api/cases', { procedure: 'five-step', unitId: org.units.feicuijun, title: '日间照料中心', description: '改善服务' }).expect(201);
    caseId = (res.body as { id: string }).id;
    const checkpoints = t.app.get(CheckpointService);
    const first = await checkpoints.sign('manual');
    writeFileSync(firstCheckpoint, first?.note ?? '');
    await org.people.clerk.caller.post(`/api/cases/${caseId}/events`, { type: 'topic.accept', payload: {} }).expect(200);
    for (const summary of ['第一条发现', '第二条发现']) await org.people.clerk.caller.post(`/api/cases/${caseId}/events`, { type: 'research.addFinding', payload: { summary } }).expect(200);
    await checkpoints.sign('manual');
    const vkey = (await org.people.supervisor.caller.get('/api/audit/public-key').expect(200)).body as { verifierKey: string };
    writeFileSync(vkeyFile, `${vkey.verifierKey}\n`);
  });
  afterAll(async () => {
    await t.close();
    if (!onPostgres) removeSqlite(sqlite);
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes an archive that verifies offline, with the key from the archive or the auditor’s, and with a checkpoint kept earlier', async () => {
    expect(await cli('archive', '--case', caseId, '--out', archive)).toMatchObject({ code: 0 });
    const files = readZip(readFileSync(archive));
    expect([...files.keys()].sort()).toEqual(['README.txt', 'audit-entries.jsonl', 'case.json', 'checkpoint.txt', 'manifest.json', 'manifest.sig', 'proofs.json', 'public-key.pem', 'public-key.txt']);
    expect(files.get('README.txt')?.toString()).toContain('verify --archive');
    const own = await cli('verify', '--archive', archive);
    expect(own).toMatchObject({ code: 0 });
    expect(own.stdout).toContain('Archive: case');
    expect(own.stdout).toContain('the key was taken from the archive itself');
    expect(own.stdout).toContain('验证通过 / VERIFIED');
    const trusted = await cli('verify', '--archive', archive, '--public-key', vkeyFile, '--trusted-checkpoint', firstCheckpoint);
    expect(trusted.stdout).toContain('1 trusted checkpoints checked');
    expect(trusted).toMatchObject({ code: 0 });
    expect(trusted.stdout).not.toContain('taken from the archive');
  });

  it('names an edited payload', async () => {
    const r = await tampered('audit-entries.jsonl', (text) => text.replace('第二条发现', '篡改的发现'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/first problem: \[HASH_MISMATCH\] 全局序号 \/ global sequence \d+ \(#4\)/);
  });

  it('finds a deleted entry, two entries swapped, and the tail cut off', async () => {
    const deleted = await tampered('audit-entries.jsonl', (text) => lines(text).filter((_, i) => i !== 1).join('\n'));
    expect(deleted.stderr).toContain('CASE_SEQ_GAP');
    const swapped = await tampered('audit-entries.jsonl', (text) => {
      const l = lines(text);
      return [l[0], l[2], l[1], l[3]].join('\n');
    });
    expect(swapped.code).toBe(1);
    expect(swapped.stderr).toContain('CASE_SEQ_GAP');
    const cut = await tampered('audit-entries.jsonl', (text) => lines(text).slice(0, -1).join('\n'));
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain('HEAD_MISMATCH');
  });

  it('finds a chain rewritten with every hash recomputed: the entries are not in the signed log', async () => {
    const r = await tampered('audit-entries.jsonl', (text) => {
      let prev = genesisHash(caseId);
      const resealed = entriesOf(text).map((e) => {
        const { hash: _hash, ...fields } = e;
        const sealed = sealEntry({ ...fields, payload: e.caseSeq === 4 ? { summary: '重写的发现' } : e.payload, prevHash: prev });
        prev = sealed.hash;
        return sealed;
      });
      return jsonl(resealed);
    }, '--trusted-checkpoint', firstCheckpoint);
    expect(r.code).toBe(1);
    // (case.json still names the old head, so HEAD_MISMATCH comes first at the same entry)
    expect(r.stderr).toMatch(/\[INCLUSION_FAILED\] #\d+ 第4条记录/);
    expect(r.stderr).not.toContain('[HASH_MISMATCH]');
  });

  it('finds an edited end state (replay), a forged checkpoint and a log rewritten since the auditor’s checkpoint', async () => {
    const state = await tampered('case.json', (text) => text.replace(/"value": "research"/, '"value": "study"'));
    expect(state.code).toBe(1);
    expect(state.stderr).toContain('SNAPSHOT_MISMATCH');

    const other = generateKeyPairSync('ed25519').privateKey;
    const forged = await tampered('checkpoint.txt', (text) => signCheckpoint({ origin: ORIGIN, size: Number(text.split('\n')[1]), root: Buffer.from(text.split('\n')[2] as string, 'base64') }, ORIGIN, other));
    expect(forged.code).toBe(1);
    expect(forged.stderr).toMatch(/first problem: \[CHECKPOINT_SIGNATURE\]/);

    // a checkpoint of the same size the auditor kept, but of another log (the key was the server's)
    const key = parseSigningKey(readFileSync(join(dir, 'audit-signing-key.pem'), 'utf8'));
    const size = Number(readFileSync(firstCheckpoint, 'utf8').split('\n')[1]);
    const otherLog = join(dir, 'other-log.txt');
    writeFileSync(otherLog, signCheckpoint({ origin: ORIGIN, size, root: Buffer.alloc(32, 9) }, ORIGIN, key));
    const rewritten = await cli('verify', '--archive', archive, '--public-key', vkeyFile, '--trusted-checkpoint', otherLog);
    expect(rewritten.code).toBe(1);
    expect(rewritten.stderr).toContain('TRUSTED_CHECKPOINT_INCONSISTENT');
    expect(rewritten.stderr).toContain('the log was rewritten');
  });

  it('the CLI refuses while no checkpoint covers the case’s last entry; the route signs one and answers', async () => {
    await org.people.clerk.caller.post(`/api/cases/${caseId}/events`, { type: 'research.addFinding', payload: { summary: '第三条发现' } }).expect(200);
    const later = join(dir, 'later.zip');
    const refused = await cli('archive', '--case', caseId, '--out', later);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/no signed checkpoint covers entry \d+ yet/);
    await org.people.supervisor.caller.get(`/api/cases/${caseId}/archive`).expect(200);
    expect(await cli('archive', '--case', caseId, '--out', later)).toMatchObject({ code: 0 });
    const verified = await cli('verify', '--archive', later, '--public-key', vkeyFile, '--trusted-checkpoint', firstCheckpoint);
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.stdout).toContain('5 audit entries');
  });
});
