import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseWriter } from '../../src/cases/case-writer.js';
import { SqliteCaseWriter } from '../../src/cases/sqlite-case-writer.js';
import { rawQuery } from '../../src/database/raw-query.js';
import type { SyncFile, WalSync } from '../../src/database/wal-sync.js';
import { buildCaseOrg, type CaseOrg } from '../support/case-org.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * SQLite only: the writer commits with synchronous=NORMAL and fsyncs the WAL itself, off the
 * event loop. An answer must never come before that fsync, and a failed fsync must never be
 * answered as a success. (PostgreSQL's writer answers after its COMMIT, which waits for its WAL flush.)
 */
describe.skipIf(Boolean(process.env.MINYI_TEST_DATABASE_URL))('acknowledged only when on disk (SQLite WAL fsync off the event loop)', () => {
  let t: TestApp;
  let org: CaseOrg;
  let db: DataSource;
  let wal: WalSync;
  let realSync: SyncFile;
  let caseId: string;

  const findings = async () =>
    Number((await rawQuery<{ n: number }>(db, "SELECT COUNT(*) AS n FROM audit_entries WHERE case_id = $1 AND event_type = 'research.addFinding'", [caseId]))[0]?.n);
  /** Starts a request and reports whether it has been answered yet. */
  const start = (summary: string) => {
    const state: { answered: boolean; status?: number; body?: unknown } = { answered: false };
    const done = org.people.clerk.caller
      .post(`/api/cases/${caseId}/events`, { type: 'research.addFinding', payload: { summary } })
      .then((res) => Object.assign(state, { answered: true, status: res.status, body: res.body as unknown }));
    return { state, done };
  };
  const until = async (condition: () => Promise<boolean> | boolean) => {
    for (let i = 0; i < 200 && !(await condition()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await condition()).toBe(true);
  };
  /** An fsync the test releases: the real one runs only when released. */
  const hold = () => {
    const held: { path: string; release: () => void; fail: (error: Error) => void }[] = [];
    wal.syncFile = (path) =>
      new Promise<void>((resolve, reject) => {
        held.push({ path, release: () => void realSync(path).then(resolve, reject), fail: reject });
      });
    return held;
  };

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    org = await buildCaseOrg(t);
    const writer = t.app.get(CaseWriter);
    expect(writer).toBeInstanceOf(SqliteCaseWriter);
    wal = (writer as SqliteCaseWriter).wal as WalSync;
    expect(wal).toBeDefined();
    realSync = wal.syncFile;
    const created = await org.people.resident.caller
      .post('/api/cases', { procedure: 'five-step', unitId: org.units.feicuijun, title: '楼道照明改造', description: '居民提出更换楼道照明' })
      .expect(201);
    caseId = (created.body as { id: string }).id;
    await org.people.clerk.caller.post(`/api/cases/${caseId}/events`, { type: 'topic.accept', payload: {} }).expect(200);
  });
  afterAll(async () => {
    wal.syncFile = realSync;
    await t.close();
  });

  it('fsyncs the database file\'s own WAL, and leaves the connection at synchronous=FULL for every other write', async () => {
    const [{ file } = { file: '' }] = await rawQuery<{ file: string }>(db, "SELECT file FROM pragma_database_list WHERE name = 'main'");
    expect(wal.walPath).toBe(`${file}-wal`);
    const [{ synchronous } = { synchronous: -1 }] = await rawQuery<{ synchronous: number }>(db, 'PRAGMA synchronous');
    expect(Number(synchronous)).toBe(2);
  });

  it('commits, but answers only after the fsync that covers the commit; the server keeps working meanwhile', async () => {
    const held = hold();
    const before = await findings();
    const first = start('第一次走访');
    // committed (visible to the connection) while the fsync is held, but not answered
    await until(async () => (await findings()) === before + 1 && held.length === 1);
    expect(held[0]?.path).toBe(wal.walPath);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(first.state.answered).toBe(false);

    // the event loop is free: other requests are answered, and the next group commits
    await t.http().get('/health').expect(200);
    const second = start('第二次走访');
    await until(async () => (await findings()) === before + 2);
    expect(second.state.answered).toBe(false);

    // the first fsync started before the second commit: releasing it answers the first only
    held[0]?.release();
    await first.done;
    expect(first.state).toMatchObject({ answered: true, status: 200 });
    await until(() => held.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(second.state.answered).toBe(false);
    held[1]?.release();
    await second.done;
    expect(second.state).toMatchObject({ answered: true, status: 200 });
    wal.syncFile = realSync;
  });

  it('refusals wait for the fsync too (they may rest on a commit not yet on disk)', async () => {
    const held = hold();
    const refused = org.people.clerk.caller.post(`/api/cases/${caseId}/events`, { type: 'topic.accept', payload: {} }).then((res) => res);
    let answered = false;
    void refused.then(() => (answered = true));
    await until(() => held.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);
    held[0]?.release();
    expect((await refused).status).toBe(422);
    wal.syncFile = realSync;
  });

  it('shows a case only once what it shows is on disk', async () => {
    const held = hold();
    const before = await findings();
    const event = start('第三次走访');
    await until(async () => (await findings()) === before + 1 && held.length === 1);
    let read: { status: number; body: { version: number } } | undefined;
    void org.people.clerk.caller.get(`/api/cases/${caseId}`).then((res) => (read = { status: res.status, body: res.body as { version: number } }));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(read).toBeUndefined();
    held[0]?.release();
    await event.done;
    await until(() => read !== undefined);
    expect(read?.status).toBe(200);
    expect(read?.body.version).toBe((event.state.body as { case: { version: number } }).case.version);
    wal.syncFile = realSync;
  });

  it('shows the audit trail, the public board and the checkpoint only once what they read is on disk; liveness answers meanwhile', async () => {
    const held = hold();
    const before = await findings();
    const event = start('第四次走访');
    await until(async () => (await findings()) === before + 1 && held.length === 1);
    const reads = {
      trail: org.people.clerk.caller.get(`/api/cases/${caseId}/audit?limit=500`),
      board: t.http().get(`/api/public/units/${org.units.feicuijun}/notices`),
      checkpoint: org.people.clerk.caller.get('/api/audit/checkpoints/latest'),
    };
    const answered = new Set<string>();
    for (const [name, read] of Object.entries(reads)) void read.then(() => answered.add(name));
    // liveness answers meanwhile (it shows nothing the writer commits)
    await t.http().get('/health').expect(200);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect([...answered]).toEqual([]);
    held[0]?.release();
    await event.done;
    const trail = await reads.trail;
    expect(trail.status).toBe(200);
    const items = (trail.body as { items: { eventType: string; payload: { summary?: string } }[] }).items;
    expect(items.at(-1)).toMatchObject({ eventType: 'research.addFinding', payload: { summary: '第四次走访' } });
    expect((await reads.board).status).toBe(200);
    expect([200, 404]).toContain((await reads.checkpoint).status);
    wal.syncFile = realSync;
  });

  it('keeps the global sequence gapless when refused writes share a group with accepted ones', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        org.people.clerk.caller.post(`/api/cases/${caseId}/events`, i % 3 === 0 ? { type: 'topic.accept', payload: {} } : { type: 'research.addFinding', payload: { summary: `并发${i}` } }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([...Array<number>(8).fill(200), ...Array<number>(4).fill(422)]);
    const seqs = (await rawQuery<{ global_seq: number }>(db, 'SELECT global_seq FROM audit_entries ORDER BY global_seq')).map((r) => Number(r.global_seq));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const [{ last } = { last: -1 }] = await rawQuery<{ last: number }>(db, 'SELECT last_global_seq AS last FROM audit_sequence WHERE id = 1');
    expect(Number(last)).toBe(seqs.length);
  });

  it('answers 500 when the fsync fails, never 200, and accepts no event after it until a restart', async () => {
    const held = hold();
    const before = await findings();
    const doomed = start('磁盘出错前的走访');
    await until(() => held.length === 1);
    held[0]?.fail(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
    await doomed.done;
    expect(doomed.state).toMatchObject({ answered: true, status: 500, body: { code: 'INTERNAL_ERROR' } });
    // it was committed, but never acknowledged; after the failure nothing else is committed
    expect(await findings()).toBe(before + 1);
    wal.syncFile = realSync;
    const after = await org.people.clerk.caller.post(`/api/cases/${caseId}/events`, { type: 'research.addFinding', payload: { summary: '之后' } });
    expect(after.status).toBe(500);
    expect(await findings()).toBe(before + 1);
    // a reader is not shown what may not be on disk either: the standard error answer, in both languages
    const trail = await org.people.clerk.caller.get(`/api/cases/${caseId}/audit`);
    expect(trail.status).toBe(500);
    expect(trail.headers['content-type']).toMatch(/^application\/json/);
    const error = trail.body as { statusCode: number; code: string; message: { zh: unknown; en: unknown }; requestId: unknown };
    expect(error).toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR' });
    expect([typeof error.message.zh, typeof error.message.en, typeof error.requestId]).toEqual(['string', 'string', 'string']);
    // and monitoring hears of it: the server must be restarted
    const health = await t.http().get('/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'error', database: 'up', writer: 'failed' });
  });
});
