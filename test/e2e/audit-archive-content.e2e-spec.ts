import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestStatementLines } from '../../src/audit/archive/archive-format.js';
import { signStatement } from '../../src/audit/archive/signed-statement.js';
import { readZip, writeZip } from '../../src/audit/archive/zip.js';
import { parseSigningKey } from '../../src/audit/checkpoint-key.js';
import { runCli } from '../../src/cli/run-cli.js';
import { Clock, type ManualClock } from '../../src/timers/clock.js';
import { as, createPerson, type Caller } from '../support/api.js';
import { buildCaseOrg, type CaseOrg } from '../support/case-org.js';
import { holdMeeting, ok } from '../support/meeting-org.js';
import { currentNoticeId, fileObjection, sendEvent } from '../support/notice-case.js';
import { removeSqlite } from '../support/reset-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ORIGIN = 'feicui.example.cn/audit';
const pgUrl = process.env.MINYI_TEST_DATABASE_URL;
const onPostgres = pgUrl !== undefined && pgUrl !== '';
const CONTACT = '13912345678';

const collect = () => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
};

/** supertest leaves unknown media types unparsed: read the zip's bytes. */
const binary = (res: Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('archives with meeting records, notices and objections; unit archives; signed receipts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minyi-archive-content-'));
  const sqlite = join(dir, 'minyi.sqlite');
  const env = {
    DATABASE_URL: onPostgres ? pgUrl : sqlite,
    MINYI_DATA_DIR: dir,
    MINYI_ORIGIN: ORIGIN,
    MINYI_SCRYPT_N: '1024',
    MINYI_LOG_LEVEL: 'silent',
    MINYI_JWT_SECRET: 'archive-test-secret-archive-test-secret',
  };
  let t: TestApp;
  let org: CaseOrg;
  let caseId: string;
  let gatedCaseId: string;
  let meetingId: string;
  let noticeId: string;
  let objectionId: string;
  let council: Caller;
  const vkeyFile = join(dir, 'trusted.vkey');
  const caseZip = join(dir, 'case-http.zip');

  const cli = async (...argv: string[]) => {
    const out = collect();
    const err = collect();
    const code = await runCli(argv, { stdin: Readable.from(['']), stdout: out.stream, stderr: err.stream }, env);
    return { code, stdout: out.text(), stderr: err.text() };
  };
  const download = (caller: Caller, url: string) => caller.get(url).buffer(true).parse(binary);
  /** Rewrites files of an archive (null deletes one); `manifest: 'recompute'` re-lists the hashes as someone without the key would. */
  const tampered = async (source: string, changes: Record<string, ((text: string) => string) | null>, manifest: 'keep' | 'recompute' = 'keep') => {
    const files = readZip(readFileSync(source));
    for (const [name, change] of Object.entries(changes)) {
      if (change === null) files.delete(name);
      else files.set(name, Buffer.from(change(files.get(name)?.toString('utf8') ?? ''), 'utf8'));
    }
    if (manifest === 'recompute') {
      const m = JSON.parse((files.get('manifest.json') as Buffer).toString('utf8')) as { files: { path: string; sha256: string; bytes: number; integrity: string }[] };
      m.files = [...files]
        .filter(([n]) => n !== 'manifest.json' && n !== 'manifest.sig')
        .map(([path, data]) => ({ path, sha256: sha256(data), bytes: data.length, integrity: m.files.find((f) => f.path === path)?.integrity ?? 'convenience' }));
      files.set('manifest.json', Buffer.from(`${JSON.stringify(m, null, 2)}\n`, 'utf8'));
    }
    const file = join(dir, `tampered-${Math.random().toString(36).slice(2)}.zip`);
    writeFileSync(file, writeZip([...files].map(([name, data]) => ({ name, data }))));
    return cli('verify', '--archive', file, '--public-key', vkeyFile);
  };

  beforeAll(async () => {
    t = await startTestApp({ ...env, MINYI_MANUAL_CLOCK: 'true', MINYI_TIMER_POLL_MS: '0', MINYI_CHECKPOINT_INTERVAL_MS: '0', NODE_ENV: 'test' });
    org = await buildCaseOrg(t);
    const members: string[] = [];
    for (let i = 0; i < 5; i += 1) members.push((await createPerson(org.root, { username: `council.member${i}`, unitId: org.units.feicuijun, role: 'council_member' })).id);
    council = as(t.http, await t.login('council.member0', 'password-1234'));
    const clerk = org.people.clerk.caller;
    caseId = (await ok<{ id: string }>(org.people.resident.caller.post('/api/cases', { procedure: 'five-step', unitId: org.units.feicuijun, title: '日间照料中心', description: '引入专业机构运营' }), 201)).id;
    await sendEvent(clerk, caseId, 'topic.accept').expect(200);
    await sendEvent(clerk, caseId, 'research.addFinding', { summary: '走访120户老年人家庭' }).expect(200);
    await sendEvent(clerk, caseId, 'research.complete').expect(200);
    const meeting = await holdMeeting(t, clerk, caseId, { body: 'resident_council', present: members.slice(0, 4), vote: { mode: 'tally', for: 3, against: 1, abstain: 0 } });
    meetingId = meeting.id;
    expect(meeting.passed).toBe(true);
    await ok(clerk.post(`/api/meetings/${meetingId}/corrections`, { reason: '笔误', correction: '地点应为社区议事厅' }));
    await sendEvent(org.people.secretary.caller, caseId, 'study.approve', { opinion: '同意' }).expect(200);
    noticeId = await currentNoticeId(t.app.get(DataSource), caseId);
    const filed = await fileObjection(t, t.app.get<Clock, ManualClock>(Clock), noticeId, { name: '王大妈', contact: CONTACT, text: '收费标准不清楚' });
    expect(filed.status).toBe(201);
    objectionId = (filed.body as { id: string }).id;
    await sendEvent(clerk, caseId, 'objection.dismiss', { objectionId, reason: '收费标准已公布' }).expect(200);
    gatedCaseId = (await ok<{ id: string }>(org.root.post('/api/cases', { procedure: 'five-step', unitId: org.units.gated, title: '加装电梯', description: '六层楼' }), 201)).id;
    const vkey = (await org.people.supervisor.caller.get('/api/audit/public-key').expect(200)).body as { verifierKey: string };
    writeFileSync(vkeyFile, `${vkey.verifierKey}\n`);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    if (!onPostgres) removeSqlite(sqlite);
    rmSync(dir, { recursive: true, force: true });
  });

  it('GET /api/cases/:id/archive: the zip the CLI writes, with meeting records, notices and objections without contacts; it verifies', async () => {
    const res = await download(org.people.supervisor.caller, `/api/cases/${caseId}/archive`).expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="minyi-case-${caseId}.zip"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const zip = res.body as Buffer;
    writeFileSync(caseZip, zip);
    const files = readZip(zip);
    expect([...files.keys()].sort()).toEqual(
      [
        'README.txt',
        'manifest.json',
        'manifest.sig',
        'case.json',
        'audit-entries.jsonl',
        `meetings/${meetingId}.json`,
        `meetings/${meetingId}.html`,
        `notices/${noticeId}.json`,
        `notices/${noticeId}.html`,
        'objections.json',
        'proofs.json',
        'checkpoint.txt',
        'public-key.txt',
        'public-key.pem',
      ].sort(),
    );
    const record = JSON.parse(files.get(`meetings/${meetingId}.json`)?.toString() ?? '') as { figures: { expected: number; present: number }; corrections: unknown[]; passed: boolean };
    expect(record).toMatchObject({ figures: { expected: 5, present: 4 }, passed: true });
    expect(record.corrections).toHaveLength(1);
    expect(files.get(`meetings/${meetingId}.html`)?.toString()).toContain('<!DOCTYPE html>');
    expect(files.get(`notices/${noticeId}.html`)?.toString()).toContain(`/public/notices/${noticeId}`);
    expect(JSON.parse(files.get('objections.json')?.toString() ?? '')).toEqual([expect.objectContaining({ id: objectionId, name: '王大妈', text: '收费标准不清楚', status: 'dismissed', answerReason: '收费标准已公布' })]);
    for (const [name, data] of files) expect(data.toString('utf8'), `${name} holds no contact`).not.toContain(CONTACT);
    const manifest = JSON.parse(files.get('manifest.json')?.toString() ?? '') as { format: string; files: { path: string; integrity: string }[] };
    expect(manifest.format).toBe('minyi-case-archive/2');
    expect(manifest.files.find((f) => f.path === `meetings/${meetingId}.html`)?.integrity).toBe('convenience');
    expect(manifest.files.find((f) => f.path === 'audit-entries.jsonl')?.integrity).toBe('audit-log');
    expect(files.get('README.txt')?.toString()).toContain('Convenience copies only');

    const verified = await cli('verify', '--archive', caseZip, '--public-key', vkeyFile);
    expect(verified.stderr).toBe('');
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.stdout).toContain('验证通过 / VERIFIED');

    // the CLI writes the same archive (the creation time, its signed manifest and the notices' status as of now aside)
    const cliZip = join(dir, 'case-cli.zip');
    expect(await cli('archive', '--case', caseId, '--out', cliZip)).toMatchObject({ code: 0 });
    const fromCli = readZip(readFileSync(cliZip));
    expect([...fromCli.keys()]).toEqual([...files.keys()]);
    for (const [name, data] of files) {
      if (['manifest.json', 'manifest.sig'].includes(name) || name.startsWith('notices/')) continue;
      expect(fromCli.get(name)?.equals(data), name).toBe(true);
    }
    expect(await cli('verify', '--archive', cliZip, '--public-key', vkeyFile)).toMatchObject({ code: 0 });
  });

  it('archives go to supervisors and the bodies that keep them; others get 403, outsiders 404', async () => {
    await download(org.people.clerk.caller, `/api/cases/${caseId}/archive`).expect(200);
    await download(org.people.secretary.caller, `/api/cases/${caseId}/archive`).expect(200);
    for (const caller of [org.people.resident.caller, council]) {
      const res = await caller.get(`/api/cases/${caseId}/archive`).expect(403);
      expect(res.body).toMatchObject({ code: 'ARCHIVE_FORBIDDEN', message: { zh: expect.any(String) as string, en: expect.any(String) as string } });
    }
    for (const caller of [org.people.outsider.caller, org.people.gridWorker.caller, org.people.branch.caller]) {
      expect((await caller.get(`/api/cases/${caseId}/archive`).expect(404)).body).toMatchObject({ code: 'CASE_NOT_FOUND' });
    }
    expect((await org.people.supervisor.caller.get('/api/cases/not-a-uuid/archive').expect(400)).body).toMatchObject({ code: 'INVALID_ID' });
    expect((await org.people.supervisor.caller.get('/api/cases/3bf8eb77-0000-4000-8000-000000000000/archive').expect(404)).body).toMatchObject({ code: 'CASE_NOT_FOUND' });
    await t.http().get(`/api/cases/${caseId}/archive`).expect(401);
  });

  it('names an edited meeting record, notice or objection, whether or not the manifest was recomputed', async () => {
    const raise = (text: string) => {
      const record = JSON.parse(text) as { result: { figures: { present: number }; decision: { for: number } } };
      record.result.figures.present += 1;
      record.result.decision.for += 1;
      return JSON.stringify(record, null, 2);
    };
    const edited = await tampered(caseZip, { [`meetings/${meetingId}.json`]: raise });
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain(`[FILE_HASH_MISMATCH] meetings/${meetingId}.json`);
    expect(edited.stderr).toContain('MEETING_RECORD_MISMATCH');
    // someone without the key re-lists the hashes: the manifest's signature no longer holds, and the chain still disagrees
    const relisted = await tampered(caseZip, { [`meetings/${meetingId}.json`]: raise }, 'recompute');
    expect(relisted.code).toBe(1);
    expect(relisted.stderr).toMatch(/first problem: \[MEETING_RECORD_MISMATCH\] 全局序号 \/ global sequence \d+ \(#\d+\); 文件 \/ file meetings\/[0-9a-f-]+\.json/);
    expect(relisted.stderr).toMatch(/closing entry #\d+ \(present, votesFor\)/);
    expect(relisted.stderr).toContain('[MANIFEST_MISMATCH]');

    const html = await tampered(caseZip, { [`meetings/${meetingId}.html`]: (text) => text.replace('3', '9') });
    expect(html.code).toBe(1);
    expect(html.stderr).toContain(`first problem: [FILE_HASH_MISMATCH] 文件 / file meetings/${meetingId}.html`);

    const notice = await tampered(caseZip, { [`notices/${noticeId}.json`]: (text) => text.replace('日间照料中心', '日间照料中心（已撤销）') }, 'recompute');
    expect(notice.stderr).toContain(`NOTICE_MISMATCH`);
    expect(notice.stderr).toContain(`notices/${noticeId}.json`);

    const answer = await tampered(caseZip, { 'objections.json': (text) => text.replace('收费标准已公布', '异议不成立') }, 'recompute');
    expect(answer.stderr).toContain('[OBJECTION_MISMATCH]');
    const dropped = await tampered(caseZip, { 'objections.json': () => '[]\n' }, 'recompute');
    expect(dropped.stderr).toContain('[OBJECTION_MISSING]');
    const gone = await tampered(caseZip, { [`meetings/${meetingId}.json`]: null, [`meetings/${meetingId}.html`]: null }, 'recompute');
    expect(gone.stderr).toContain('[MEETING_MISSING]');
    const added = await tampered(caseZip, { 'extra.txt': () => '加一页' });
    expect(added.stderr).toContain('first problem: [FILE_UNLISTED] 文件 / file extra.txt');
    // the objection's text is in its filing entry; the objector's name is not: only the manifest shows it was changed
    const text = await tampered(caseZip, { 'objections.json': (t2) => t2.replace('收费标准不清楚', '同意') }, 'recompute');
    expect(text.stderr).toMatch(/first problem: \[OBJECTION_MISMATCH\] .*\n.*\n.*its text differs from its filing entry/);
    const name = await tampered(caseZip, { 'objections.json': (t2) => t2.replace('王大妈', '李大爷') });
    expect(name.stderr).toContain('first problem: [FILE_HASH_MISMATCH] 文件 / file objections.json');
    expect(name.stderr).not.toContain('OBJECTION_MISMATCH');
  });

  it('a unit archive (HTTP and CLI) holds every case of the subtree in the period under one checkpoint, and verifies', async () => {
    const res = await download(org.people.supervisor.caller, `/api/units/${org.units.beitan}/archive?from=2026-01-01&to=2026-01-31`).expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="minyi-unit-${org.units.beitan}-2026-01-01-2026-01-31.zip"`);
    const files = readZip(res.body as Buffer);
    const manifest = JSON.parse(files.get('manifest.json')?.toString() ?? '') as { format: string; cases: string[]; period: { from: string; to: string } };
    expect(manifest).toMatchObject({ format: 'minyi-unit-archive/1', period: { from: '2025-12-31T16:00:00.000Z', to: '2026-01-31T16:00:00.000Z' } });
    expect([...manifest.cases].sort()).toEqual([caseId, gatedCaseId].sort());
    expect(files.has(`cases/${caseId}/meetings/${meetingId}.json`)).toBe(true);
    expect(files.has(`cases/${gatedCaseId}/audit-entries.jsonl`)).toBe(true);
    expect([...files.keys()].filter((n) => n === 'checkpoint.txt')).toHaveLength(1);
    const unitZip = join(dir, 'unit-http.zip');
    writeFileSync(unitZip, res.body as Buffer);
    const verified = await cli('verify', '--archive', unitZip, '--public-key', vkeyFile);
    expect(verified.stderr).toBe('');
    expect(verified.stdout).toContain('2 cases');
    expect(verified.stdout).toContain('验证通过 / VERIFIED');

    const cliZip = join(dir, 'unit-cli.zip');
    expect(await cli('archive', '--unit', org.units.feicuijun, '--from', '2026-01-01', '--to', '2026-01-31', '--out', cliZip)).toMatchObject({ code: 0 });
    const own = readZip(readFileSync(cliZip));
    expect((JSON.parse(own.get('manifest.json')?.toString() ?? '') as { cases: string[] }).cases).toEqual([caseId]);
    expect(await cli('verify', '--archive', cliZip, '--public-key', vkeyFile)).toMatchObject({ code: 0 });
    // before the cases existed: an empty archive, still signed and verifiable
    const before = await download(org.people.supervisor.caller, `/api/units/${org.units.beitan}/archive?from=2025-01-01&to=2025-06-30`).expect(200);
    expect((JSON.parse(readZip(before.body as Buffer).get('manifest.json')?.toString() ?? '') as { cases: string[] }).cases).toEqual([]);

    const edited = await tampered(unitZip, { [`cases/${caseId}/meetings/${meetingId}.json`]: (text) => text.replaceAll('"passed": true', '"passed": false') }, 'recompute');
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain(`[MEETING_RECORD_MISMATCH]`);
    expect(edited.stderr).toContain(`事项 / case ${caseId}; 文件 / file cases/${caseId}/meetings/${meetingId}.json`);
    // even the key holder cannot file a case under another unit, or outside the period: the trail says where and when it was
    const resigned = (change: (m: { unit: { path: string }; period: { to: string } }) => void) => {
      const files = readZip(readFileSync(unitZip));
      const m = JSON.parse(files.get('manifest.json')?.toString() ?? '') as { unit: { path: string }; period: { to: string }; origin: string; treeSize: number; rootHash: string };
      change(m);
      const data = Buffer.from(`${JSON.stringify(m, null, 2)}\n`, 'utf8');
      const key = parseSigningKey(readFileSync(join(dir, 'audit-signing-key.pem'), 'utf8'));
      files.set('manifest.json', data);
      files.set('manifest.sig', Buffer.from(signStatement(manifestStatementLines(m.origin, m.treeSize, m.rootHash, sha256(data)), ORIGIN, key), 'utf8'));
      const file = join(dir, `resigned-${Math.random().toString(36).slice(2)}.zip`);
      writeFileSync(file, writeZip([...files].map(([name, data2]) => ({ name, data: data2 }))));
      return cli('verify', '--archive', file, '--public-key', vkeyFile);
    };
    // unit paths are `/<root id>/…/<id>/`: move the archive down to 翡翠郡社区, where the gated estate's case does not belong
    const moved = await resigned((m) => (m.unit.path = `${m.unit.path}${org.units.feicuijun}/`));
    expect(moved.code).toBe(1);
    expect(moved.stderr).toContain(`first problem: [CASE_OUTSIDE_UNIT] 事项 / case ${gatedCaseId}`);
    // (open cases are alive after their first entry: a period that ends before it is one they were not alive in)
    const earlier = await resigned((m) => (m.period.to = '2025-06-01T00:00:00.000Z'));
    expect(earlier.stderr).toContain('first problem: [CASE_OUTSIDE_PERIOD]');
    const entries = await tampered(unitZip, { [`cases/${gatedCaseId}/audit-entries.jsonl`]: (text) => text.replace('六层楼', '七层楼') });
    expect(entries.stderr).toMatch(/first problem: \[HASH_MISMATCH\] 全局序号 \/ global sequence \d+ \(#1\); 事项 \/ case /);
  });

  it('refuses bad periods, units out of scope and roles that do not keep archives', async () => {
    const sup = org.people.supervisor.caller;
    const base = `/api/units/${org.units.beitan}/archive`;
    expect((await sup.get(`${base}?from=yesterday&to=2026-01-31`).expect(400)).body).toMatchObject({ code: 'BAD_PERIOD', field: 'from' });
    expect((await sup.get(`${base}?from=2026-01-01&to=2026-02-30`).expect(400)).body).toMatchObject({ code: 'BAD_PERIOD', field: 'to' });
    expect((await sup.get(`${base}?from=2026-03-01&to=2026-01-31`).expect(400)).body).toMatchObject({ code: 'BAD_PERIOD', field: 'to' });
    expect((await sup.get(`${base}?from=2026-01-01T00:00:00&to=2026-01-31`).expect(400)).body).toMatchObject({ code: 'BAD_PERIOD', field: 'from' });
    expect((await sup.get(`${base}?from=2026-01-01`).expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await org.people.clerk.caller.get(`${base}?from=2026-01-01&to=2026-01-31`).expect(404)).body).toMatchObject({ code: 'UNIT_NOT_FOUND' });
    expect((await org.people.resident.caller.get(`/api/units/${org.units.feicuijun}/archive?from=2026-01-01&to=2026-01-31`).expect(403)).body).toMatchObject({ code: 'ARCHIVE_FORBIDDEN' });
    expect((await sup.get('/api/units/3bf8eb77-0000-4000-8000-000000000000/archive?from=2026-01-01&to=2026-01-31').expect(404)).body).toMatchObject({ code: 'UNIT_NOT_FOUND' });
    expect((await sup.get('/api/units/nope/archive?from=2026-01-01&to=2026-01-31').expect(400)).body).toMatchObject({ code: 'INVALID_ID' });
    const bad = await cli('archive', '--unit', org.units.beitan, '--from', '2026-01-31', '--to', '2026-01-01', '--out', join(dir, 'x.zip'));
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.stderr).toContain('--from must be before --to');
  });

  it('a signed receipt of an entry, verified offline with its inclusion proof; a forged or altered one is refused', async () => {
    const res = await org.people.clerk.caller.get(`/api/cases/${caseId}/audit/2/receipt`).expect(200);
    const receipt = res.body as { statement: string; entry: { eventType: string; hash: string; globalSeq: number; payload: unknown }; inclusion: { treeSize: number } | null; verifierKey: string };
    expect(receipt.entry.eventType).toBe('topic.accept');
    expect(receipt.statement.split('\n').slice(0, 7)).toEqual(['minyi/receipt/v1', ORIGIN, caseId, '2', String(receipt.entry.globalSeq), receipt.entry.hash, expect.stringMatching(/^2026-/) as string]);
    expect(receipt.inclusion?.treeSize).toBeGreaterThanOrEqual(receipt.entry.globalSeq);
    // deterministic: asked again, the same bytes
    expect(((await org.people.clerk.caller.get(`/api/cases/${caseId}/audit/2/receipt`).expect(200)).body as { statement: string }).statement).toBe(receipt.statement);
    const file = join(dir, 'receipt.json');
    writeFileSync(file, JSON.stringify(receipt));
    const verified = await cli('verify', '--receipt', file, '--public-key', vkeyFile);
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.stdout).toContain(`proven included in the signed checkpoint of tree size ${receipt.inclusion?.treeSize}`);
    expect(verified.stdout).toContain('验证通过 / VERIFIED');
    const bare = join(dir, 'receipt.txt');
    writeFileSync(bare, receipt.statement);
    expect(await cli('verify', '--receipt', bare, '--public-key', vkeyFile)).toMatchObject({ code: 0 });

    const check = async (changed: unknown) => {
      const f = join(dir, `receipt-${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(f, JSON.stringify(changed));
      return cli('verify', '--receipt', f, '--public-key', vkeyFile);
    };
    const otherKey = (await import('node:crypto')).generateKeyPairSync('ed25519').privateKey;
    const forged = await check({ ...receipt, statement: signStatement(receipt.statement.split('\n\n')[0]?.split('\n') ?? [], ORIGIN, otherKey) });
    expect(forged.code).toBe(1);
    expect(forged.stderr).toContain('[RECEIPT_SIGNATURE]');
    const altered = await check({ ...receipt, statement: receipt.statement.replace(`\n${caseId}\n2\n`, `\n${caseId}\n3\n`) });
    expect(altered.stderr).toContain('[RECEIPT_SIGNATURE]');
    const entry = await check({ ...receipt, entry: { ...receipt.entry, payload: { note: '伪造' } } });
    expect(entry.stderr).toContain('[RECEIPT_ENTRY_MISMATCH]');
    const proof = await check({ ...receipt, inclusion: { ...receipt.inclusion, proof: [] } });
    expect(proof.stderr).toContain('[INCLUSION_FAILED]');
  });

  it('receipts: for the sender even after losing the role, 404 out of scope, 400 on a bad number, no proof before a checkpoint', async () => {
    const second = (await ok<{ id: string }>(org.people.resident.caller.post('/api/cases', { procedure: 'five-step', unitId: org.units.feicuijun, title: '路灯', description: '修路灯' }), 201)).id;
    const person = await createPerson(org.root, { username: 'clerk.temp', unitId: org.units.feicuijun, role: 'council_clerk' });
    const temp = as(t.http, await t.login('clerk.temp', 'password-1234'));
    await sendEvent(temp, second, 'topic.accept').expect(200);
    await org.root.delete(`/api/people/${person.id}/roles/${person.assignmentId ?? ''}`).expect(204);
    const own = (await temp.get(`/api/cases/${second}/audit/2/receipt`).expect(200)).body as { inclusion: unknown };
    expect(own.inclusion).toBeNull();
    expect((await temp.get(`/api/cases/${second}/audit/1/receipt`).expect(404)).body).toMatchObject({ code: 'CASE_NOT_FOUND' });
    await org.people.resident.caller.get(`/api/cases/${second}/audit/1/receipt`).expect(200);
    expect((await org.people.outsider.caller.get(`/api/cases/${second}/audit/1/receipt`).expect(404)).body).toMatchObject({ code: 'CASE_NOT_FOUND' });
    expect((await org.people.clerk.caller.get(`/api/cases/${second}/audit/99/receipt`).expect(404)).body).toMatchObject({ code: 'AUDIT_ENTRY_NOT_FOUND' });
    for (const bad of ['0', 'abc', '-1', '1.5']) {
      expect((await org.people.clerk.caller.get(`/api/cases/${second}/audit/${bad}/receipt`).expect(400)).body).toMatchObject({ code: 'BAD_CASE_SEQ', field: 'caseSeq' });
    }
    await t.http().get(`/api/cases/${second}/audit/1/receipt`).expect(401);
    const file = join(dir, 'receipt-no-proof.json');
    writeFileSync(file, JSON.stringify(own));
    const verified = await cli('verify', '--receipt', file);
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.stdout).toContain('no inclusion proof');
    expect(verified.stdout).toContain('the key was taken from the receipt itself');
  });
});
