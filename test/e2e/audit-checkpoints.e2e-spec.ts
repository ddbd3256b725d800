import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckpointPublisher } from '../../src/audit/checkpoint-publisher.js';
import { CheckpointService } from '../../src/audit/checkpoint.service.js';
import { signCheckpoint, verifyCheckpoint } from '../../src/audit/checkpoint-note.js';
import { auditLeafHash, verifyConsistency, verifyInclusion } from '../../src/audit/merkle/index.js';
import { rawQuery } from '../../src/database/raw-query.js';
import { Clock, ManualClock } from '../../src/timers/clock.js';
import { generateKeyPairSync } from 'node:crypto';
import type { Caller } from '../support/api.js';
import { buildCaseOrg, type CaseOrg } from '../support/case-org.js';
import { buildMeetingVillage, holdMeeting, ok, sendEvent } from '../support/meeting-org.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Checkpoint {
  treeSize: number;
  rootHash: string;
  reason: string;
  note: string;
}

const unhex = (s: string) => Buffer.from(s, 'hex');

describe('signed checkpoints and proofs over HTTP', () => {
  let t: TestApp;
  let org: CaseOrg;
  let db: DataSource;
  let service: CheckpointService;
  const ORIGIN = 'feicui.example.cn/audit';

  const openCase = async () => {
    const res = await org.people.resident.caller.post('/api/cases', { procedure: 'five-step', unitId: org.units.feicuijun, title: '日间照料中心', description: '改善服务' });
    expect(res.status).toBe(201);
    const id = (res.body as { id: string }).id;
    await org.people.clerk.caller.post(`/api/cases/${id}/events`, { type: 'topic.accept', payload: {} }).expect(200);
    return id;
  };
  const entries = async () => Number((await rawQuery<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM audit_entries'))[0]?.n);

  beforeAll(async () => {
    t = await startTestApp({ MINYI_MANUAL_CLOCK: 'true', MINYI_TIMER_POLL_MS: '0', MINYI_CHECKPOINT_INTERVAL_MS: '0', MINYI_ORIGIN: ORIGIN, NODE_ENV: 'test' });
    db = t.app.get(DataSource);
    service = t.app.get(CheckpointService);
    org = await buildCaseOrg(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the public key (C2SP verifier key) to signed-in callers only', async () => {
    await t.http().get('/api/audit/public-key').expect(401);
    const res = await org.people.supervisor.caller.get('/api/audit/public-key').expect(200);
    expect(res.body).toMatchObject({ name: ORIGIN, algorithm: 'Ed25519', keyId: expect.stringMatching(/^[0-9a-f]{8}$/) as unknown });
    expect((res.body as { verifierKey: string }).verifierKey).toBe(`${ORIGIN}+${(res.body as { keyId: string }).keyId}+${Buffer.concat([Buffer.of(1), Buffer.from((res.body as { publicKey: string }).publicKey, 'base64')]).toString('base64')}`);
  });

  it('signs nothing while nothing closed (interval off), and a checkpoint when a case closes', async () => {
    await org.people.supervisor.caller.get('/api/audit/checkpoints/latest').expect(404);
    const id = await openCase();
    expect(await service.runDue()).toBeNull();
    await org.people.resident.caller.post(`/api/cases/${id}/events`, { type: 'case.withdraw', payload: { reason: '不再需要' } }).expect(200);
    const signed = await service.runDue();
    expect(signed).toMatchObject({ treeSize: await entries(), reason: 'closed' });
    const latest = (await org.people.supervisor.caller.get('/api/audit/checkpoints/latest').expect(200)).body as Checkpoint;
    expect(latest).toEqual(expect.objectContaining({ treeSize: signed?.treeSize, rootHash: signed?.rootHash }));
    const key = (await org.people.supervisor.caller.get('/api/audit/public-key').expect(200)).body as { publicKey: string };
    const check = verifyCheckpoint(latest.note, ORIGIN, Buffer.from(key.publicKey, 'base64'), ORIGIN);
    expect(check.ok).toBe(true);
    expect(latest.note.split('\n').slice(0, 3)).toEqual([ORIGIN, String(latest.treeSize), unhex(latest.rootHash).toString('base64')]);
    expect((await org.people.supervisor.caller.get(`/api/audit/checkpoints?size=${latest.treeSize}`).expect(200)).body).toEqual(latest);
    await org.people.supervisor.caller.get(`/api/audit/checkpoints?size=${latest.treeSize + 1000}`).expect(404);
    expect(await service.runDue()).toBeNull();
  });

  it('proves inclusion of an entry of a visible case; 404 for a case out of scope', async () => {
    await openCase();
    await service.sign('manual');
    const latest = (await org.people.supervisor.caller.get('/api/audit/checkpoints/latest').expect(200)).body as Checkpoint;
    const rows = await rawQuery<{ global_seq: number; hash: string }>(db, 'SELECT global_seq, hash FROM audit_entries ORDER BY global_seq');
    for (const row of rows) {
      const seq = Number(row.global_seq);
      const res = await org.people.supervisor.caller.get(`/api/audit/entries/${seq}/proof`).expect(200);
      const body = res.body as { treeSize: number; entryHash: string; rootHash: string; proof: string[]; checkpoint: Checkpoint | null };
      expect(body).toMatchObject({ treeSize: latest.treeSize, entryHash: row.hash, rootHash: latest.rootHash, checkpoint: { note: latest.note } });
      expect(verifyInclusion(auditLeafHash(row.hash), seq - 1, body.treeSize, body.proof.map(unhex), unhex(latest.rootHash))).toBe(true);
      await org.people.outsider.caller.get(`/api/audit/entries/${seq}/proof`).expect(404);
    }
    const small = (await org.people.supervisor.caller.get(`/api/audit/entries/1/proof?size=2`).expect(200)).body as { rootHash: string; checkpoint: unknown };
    expect(small.checkpoint).toBeNull();
    await org.people.supervisor.caller.get(`/api/audit/entries/${rows.length + 5}/proof`).expect(404);
    await org.people.supervisor.caller.get(`/api/audit/entries/${rows.length}/proof?size=1`).expect(400);
    await org.people.supervisor.caller.get(`/api/audit/entries/1/proof?size=${rows.length + 5}`).expect(404);
  });

  it('proves consistency between any two sizes', async () => {
    const first = (await org.people.supervisor.caller.get('/api/audit/checkpoints?size=' + String((await rawQuery<{ s: number }>(db, 'SELECT MIN(tree_size) AS s FROM audit_checkpoints'))[0]?.s)).expect(200)).body as Checkpoint;
    const latest = (await org.people.supervisor.caller.get('/api/audit/checkpoints/latest').expect(200)).body as Checkpoint;
    const res = (await org.people.clerk.caller.get(`/api/audit/consistency?from=${first.treeSize}&to=${latest.treeSize}`).expect(200)).body as { fromRoot: string; toRoot: string; proof: string[] };
    expect(res.fromRoot).toBe(first.rootHash);
    expect(res.toRoot).toBe(latest.rootHash);
    expect(verifyConsistency(first.treeSize, latest.treeSize, unhex(first.rootHash), unhex(latest.rootHash), res.proof.map(unhex))).toBe(true);
    await org.people.clerk.caller.get(`/api/audit/consistency?from=${latest.treeSize}&to=${first.treeSize}`).expect(first.treeSize === latest.treeSize ? 200 : 400);
    await org.people.clerk.caller.get(`/api/audit/consistency?from=1&to=${latest.treeSize + 100}`).expect(404);
    await org.people.clerk.caller.get('/api/audit/consistency?from=x&to=2').expect(400);
  });

  it('refuses to sign over a latest checkpoint it cannot verify (forged with another key), loudly', async () => {
    await openCase();
    const size = await entries();
    const forged = signCheckpoint({ origin: ORIGIN, size: size + 50, root: Buffer.alloc(32, 7) }, ORIGIN, generateKeyPairSync('ed25519').privateKey);
    await rawQuery(db, "INSERT INTO audit_checkpoints (tree_size, root_hash, key_id, signed_at, reason, note) VALUES ($1, $2, 'deadbeef', '2026-01-01T00:00:00.000Z', 'manual', $3)", [
      size + 50,
      '07'.repeat(32),
      forged,
    ]);
    try {
      expect(await service.sign('manual')).toBeNull();
      expect(service.refusal).toMatch(/does not verify/);
    } finally {
      await rawQuery(db, 'DELETE FROM audit_checkpoints WHERE tree_size = $1', [size + 50]);
    }
    expect(await service.sign('manual')).toMatchObject({ treeSize: size });
    expect(service.refusal).toBeNull();
  });
});

describe('periodic checkpoints', () => {
  let t: TestApp;
  let org: CaseOrg;
  let clock: ManualClock;
  let service: CheckpointService;

  beforeAll(async () => {
    t = await startTestApp({ MINYI_MANUAL_CLOCK: 'true', MINYI_TIMER_POLL_MS: '0', MINYI_CHECKPOINT_INTERVAL_MS: '60000', NODE_ENV: 'test' });
    clock = t.app.get<Clock, ManualClock>(Clock);
    service = t.app.get(CheckpointService);
    org = await buildCaseOrg(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('signs when the interval has passed and the tree grew, not before', async () => {
    const open = () => org.people.resident.caller.post('/api/cases', { procedure: 'five-step', unitId: org.units.feicuijun, title: '路灯', description: '修路灯' }).expect(201);
    await open();
    expect(await service.runDue()).toMatchObject({ treeSize: 1, reason: 'periodic', signedAt: '2026-01-01T00:00:00.000Z' });
    await open();
    clock.advance(59_999);
    expect(await service.runDue()).toBeNull();
    clock.advance(1);
    expect(await service.runDue()).toMatchObject({ treeSize: 2, reason: 'periodic' });
    clock.advance(120_000);
    expect(await service.runDue()).toBeNull();
  });
});

describe('a checkpoint when a meeting closes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ MINYI_MANUAL_CLOCK: 'true', MINYI_TIMER_POLL_MS: '0', MINYI_CHECKPOINT_INTERVAL_MS: '0', NODE_ENV: 'test' });
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('signs after meeting.closed, and not before', async () => {
    const org = await buildCaseOrg(t);
    const village = await buildMeetingVillage(t, org.root, org.units.sangzidian, 'wangjia', { branch: 3, committee: 3, representatives: 5, partyMembers: 5, logins: 1 });
    const branch = village.branch.callers[0] as Caller;
    const service = t.app.get(CheckpointService);
    const created = await ok<{ id: string }>(branch.post('/api/cases', { procedure: 'one-report-four-deliberations', unitId: village.unit, title: '道路硬化', description: '方案' }), 201);
    await sendEvent(branch, created.id, 'report.submit', { summary: '方案', matterCategory: 'land_compensation' });
    await sendEvent(org.people.town.caller, created.id, 'report.approve');
    expect(await service.runDue()).toBeNull();
    await holdMeeting(t, branch, created.id, { body: 'party_organisation_meeting', present: village.branch.ids, vote: { mode: 'tally', for: 3, against: 0, abstain: 0 } });
    const signed = await service.runDue();
    const [last] = await rawQuery<{ n: number }>(t.app.get(DataSource), 'SELECT MAX(global_seq) AS n FROM audit_entries');
    expect(signed).toMatchObject({ reason: 'closed', treeSize: Number(last?.n) });
  });
});

describe('checkpoint publication', () => {
  let t: TestApp;
  let server: Server;
  const received: string[] = [];
  let failNext = 1;
  const dir = mkdtempSync(join(tmpdir(), 'minyi-publish-'));

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (failNext > 0) {
          failNext -= 1;
          res.writeHead(503).end();
          return;
        }
        received.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    t = await startTestApp({
      MINYI_MANUAL_CLOCK: 'true',
      MINYI_TIMER_POLL_MS: '0',
      MINYI_CHECKPOINT_INTERVAL_MS: '0',
      NODE_ENV: 'test',
      MINYI_CHECKPOINT_PUBLISH_DIR: dir,
      MINYI_CHECKPOINT_PUBLISH_URLS: `http://127.0.0.1:${port}/inbox`,
    });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes each checkpoint to the directory and POSTs it, retrying a failed POST on the next tick', async () => {
    const org = await buildCaseOrg(t);
    await org.people.resident.caller.post('/api/cases', { procedure: 'five-step', unitId: org.units.feicuijun, title: '路灯', description: '修路灯' }).expect(201);
    const service = t.app.get(CheckpointService);
    const publisher = t.app.get(CheckpointPublisher);
    const signed = await service.sign('manual');
    expect(signed).not.toBeNull();
    const note = signed?.note as string;
    expect(readFileSync(join(dir, 'latest.txt'), 'utf8')).toBe(note);
    expect(readdirSync(dir)).toContain(`checkpoint-${String(signed?.treeSize).padStart(12, '0')}.txt`);
    expect(received).toEqual([]);
    expect(publisher.failures).toMatchObject([{ treeSize: signed?.treeSize, attempts: 1, error: 'HTTP 503' }]);
    const failing = await t.http().get('/health').expect(200);
    expect(failing.body).toMatchObject({
      status: 'degraded',
      database: 'up',
      checkpoints: {
        lastSigned: { treeSize: signed?.treeSize },
        signingRefused: null,
        publication: {
          targets: [
            { target: dir, kind: 'directory', lastOk: expect.any(String) as string, lastError: null, failingSince: null, pending: 0 },
            { kind: 'url', lastOk: null, lastError: { message: 'HTTP 503' }, failingSince: expect.any(String) as string, pending: 1 },
          ],
        },
      },
    });
    await service.runDue();
    expect(received).toEqual([note]);
    expect(publisher.failures).toEqual([]);
    // delivered: ok again, the last error kept for the operator to see
    const healthy = await t.http().get('/health').expect(200);
    expect(healthy.body).toMatchObject({ status: 'ok', checkpoints: { publication: { targets: [{ failingSince: null }, { failingSince: null, pending: 0, lastError: { message: 'HTTP 503' } }] } } });
    expect((healthy.body as { checkpoints: { publication: { targets: { lastOk: string | null }[] } } }).checkpoints.publication.targets[1]?.lastOk).not.toBeNull();
  });
});

describe('checkpoint publication failures and a refusal to sign, at /health', () => {
  let t: TestApp;
  const dataDir = mkdtempSync(join(tmpdir(), 'minyi-health-'));
  // a directory that cannot be created: its parent is a file
  const blocker = join(dataDir, 'not-a-directory');
  const publishDir = join(blocker, 'checkpoints');
  let refusingUrl: string;

  beforeAll(async () => {
    writeFileSync(blocker, 'a file where the publication directory should go');
    // a port nobody listens on: bound, then released
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    refusingUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/inbox`;
    await new Promise((resolve) => probe.close(resolve));
    t = await startTestApp({
      MINYI_MANUAL_CLOCK: 'true',
      MINYI_TIMER_POLL_MS: '0',
      MINYI_CHECKPOINT_INTERVAL_MS: '0',
      NODE_ENV: 'test',
      MINYI_DATA_DIR: dataDir,
      MINYI_CHECKPOINT_PUBLISH_DIR: publishDir,
      MINYI_CHECKPOINT_PUBLISH_URLS: refusingUrl,
    });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports an unwritable directory and a refusing address as failing, with the error and what is pending; degraded, still 200', async () => {
    const healthy = await t.http().get('/health').expect(200);
    expect(healthy.body).toEqual({
      status: 'ok',
      database: 'up',
      writer: 'ok',
      checkpoints: {
        lastSigned: null,
        signingRefused: null,
        publication: {
          targets: [
            { target: publishDir, kind: 'directory', lastOk: null, lastError: null, failingSince: null, pending: 0 },
            { target: refusingUrl, kind: 'url', lastOk: null, lastError: null, failingSince: null, pending: 0 },
          ],
        },
      },
    });
    const org = await buildCaseOrg(t);
    await org.people.resident.caller.post('/api/cases', { procedure: 'five-step', unitId: org.units.feicuijun, title: '路灯', description: '修路灯' }).expect(201);
    const service = t.app.get(CheckpointService);
    const first = await service.sign('manual');
    await org.people.resident.caller.post('/api/cases', { procedure: 'five-step', unitId: org.units.feicuijun, title: '垃圾分类', description: '设分类点' }).expect(201);
    t.app.get<Clock, ManualClock>(Clock).advance(60_000);
    const second = await service.sign('manual');
    const res = await t.http().get('/health').expect(200);
    const body = res.body as { status: string; checkpoints: { lastSigned: unknown; publication: { targets: { target: string; lastError: { message: string } | null; failingSince: string | null; pending: number }[] } } };
    expect(body.status).toBe('degraded');
    expect(body.checkpoints.lastSigned).toEqual({ treeSize: second?.treeSize, signedAt: second?.signedAt });
    const [directory, url] = body.checkpoints.publication.targets;
    expect(directory).toMatchObject({ target: publishDir, pending: 2, failingSince: first?.signedAt });
    expect(directory?.lastError?.message).toMatch(/ENOTDIR|EEXIST/);
    expect(url).toMatchObject({ target: refusingUrl, pending: 2, failingSince: first?.signedAt });
    expect(url?.lastError?.message).toContain('ECONNREFUSED');
  });

  it('reports a refusal to sign (the checkpoint kept outside the database is not this log’s): degraded', async () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    writeFileSync(join(dataDir, 'audit-checkpoint-latest.txt'), signCheckpoint({ origin: 'minyi.local/audit', size: 1, root: Buffer.alloc(32, 7) }, 'minyi.local/audit', other));
    expect(await t.app.get(CheckpointService).sign('manual')).toBeNull();
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'degraded', checkpoints: { signingRefused: expect.stringContaining('does not verify with this key') as string } });
  });
});
