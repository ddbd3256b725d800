import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../workflows/core/procedure.js';
import { ActorService } from '../../src/auth/actor.service.js';
import { CaseError, CaseErrorCode } from '../../src/cases/case-error.js';
import { CaseWriter } from '../../src/cases/case-writer.js';
import { caseErrorStatus } from '../../src/cases/case-exception.filter.js';
import { CasesService } from '../../src/cases/cases.service.js';
import { rawQuery } from '../../src/database/raw-query.js';
import { Clock, ManualClock } from '../../src/timers/clock.js';
import { TimerScheduler } from '../../src/timers/timer-scheduler.service.js';
import { buildCaseOrg, type CaseOrg } from '../support/case-org.js';
import type { Caller } from '../support/api.js';
import { withoutAuditTriggers } from '../support/tamper.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface CaseBody {
  id: string;
  version: number;
  status: string;
  outcome: string | null;
  state: { value: unknown; path: string; label: { zh: string; en: string } };
  allowedEvents: { type: string }[];
  timeline?: { eventType: string }[];
}

const passed = { meetingId: 'm-council', body: 'resident_council', quorumMet: true, passed: true, ruleId: 'local.resident_council' };

describe('case engine over HTTP', () => {
  let t: TestApp;
  let org: CaseOrg;
  let clock: ManualClock;
  let db: DataSource;
  const send = (caller: Caller, id: string, type: string, payload: Record<string, unknown> = {}) => caller.post(`/api/cases/${id}/events`, { type, payload });
  const auditCount = async (caseId: string) =>
    Number((await rawQuery<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM audit_entries WHERE case_id = $1', [caseId]))[0]?.n);
  const open = async (caller: Caller, body: Record<string, unknown>): Promise<CaseBody> => {
    const res = await caller.post('/api/cases', body);
    if (res.status !== 201) throw new Error(`open case → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as CaseBody;
  };
  const fiveStep = () =>
    open(org.people.resident.caller, { procedure: 'five-step', unitId: org.units.feicuijun, title: '引入专业机构运营日间照料中心', description: '老年居民希望改善日间照料服务' });

  beforeAll(async () => {
    t = await startTestApp({ MINYI_MANUAL_CLOCK: 'true', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test' });
    clock = t.app.get<Clock, ManualClock>(Clock);
    db = t.app.get(DataSource);
    org = await buildCaseOrg(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('opens a case pinned to the procedure version, showing each caller only what they may send', async () => {
    const created = await fiveStep();
    expect(created).toMatchObject({ status: 'open', version: 1, state: { value: 'topic', path: 'topic', label: { zh: '选题' } }, procedure: { id: 'five-step', version: 1 } });
    expect(created.allowedEvents.map((e) => e.type)).toEqual(['case.withdraw']);
    const asClerk = await org.people.clerk.caller.get(`/api/cases/${created.id}`).expect(200);
    expect(asClerk.headers.etag).toBe('"1"');
    expect((asClerk.body as CaseBody).allowedEvents.map((e) => e.type)).toEqual(['topic.accept', 'topic.reject']);
    const asSupervisor = await org.people.supervisor.caller.get(`/api/cases/${created.id}`).expect(200);
    expect((asSupervisor.body as CaseBody).allowedEvents).toEqual([]);
  });

  it.each([
    ['four-plus-five at a gated community', 'four-plus-five', 'gated', 422, 'PROCEDURE_NOT_ALLOWED_HERE'],
    ['the village procedure at an open community', 'one-report-four-deliberations', 'feicuijun', 422, 'PROCEDURE_NOT_ALLOWED_HERE'],
    ['a procedure that does not exist', 'seven-step', 'feicuijun', 400, 'VALIDATION_FAILED'],
  ] as const)('refuses %s', async (_name, procedure, unit, status, code) => {
    const res = await org.root.post('/api/cases', { procedure, unitId: org.units[unit], title: 't', description: 'd' }).expect(status);
    expect(res.body).toMatchObject({ code });
  });

  it('hides a case from a person outside its unit (404), and refuses a bad configuration', async () => {
    const created = await fiveStep();
    await org.people.outsider.caller.get(`/api/cases/${created.id}`).expect(404);
    await send(org.people.outsider.caller, created.id, 'topic.accept').expect(404);
    const res = await org.people.clerk.caller
      .post('/api/cases', { procedure: 'five-step', unitId: org.units.feicuijun, title: 't', description: 'd', config: { noticePeriodDays: 0 } })
      .expect(400);
    expect(res.body).toMatchObject({ code: 'INVALID_CONFIG', errors: [{ field: 'config.noticePeriodDays', code: 'FIELD_OUT_OF_RANGE' }] });
  });

  it('answers every refusal with its code and writes nothing', async () => {
    const created = await fiveStep();
    const id = created.id;
    const clerk = org.people.clerk.caller;
    const before = await auditCount(id);
    const invalid = await send(clerk, id, 'topic.reject', {}).expect(400);
    expect(invalid.body).toMatchObject({ code: 'INVALID_PAYLOAD', errors: [{ field: 'payload.reason', code: 'FIELD_REQUIRED' }] });
    expect((invalid.body as { message: { zh: string; en: string } }).message.zh).toBeTruthy();
    expect((await send(org.people.committee.caller, id, 'topic.accept').expect(403)).body).toMatchObject({ code: 'EVENT_FORBIDDEN' });
    expect((await send(org.people.supervisor.caller, id, 'topic.accept').expect(403)).body).toMatchObject({ code: 'EVENT_FORBIDDEN' });
    expect((await send(clerk, id, 'research.complete').expect(422)).body).toMatchObject({ code: 'EVENT_NOT_ALLOWED' });
    expect((await send(clerk, id, 'vote.pass').expect(400)).body).toMatchObject({ code: 'UNKNOWN_EVENT_TYPE' });
    // nobody, admins included, can assert a meeting result
    expect((await send(org.root, id, 'meeting.closed', passed).expect(403)).body).toMatchObject({ code: 'EVENT_FORBIDDEN' });
    await send(clerk, id, 'topic.accept').expect(200);
    const guard = await send(clerk, id, 'research.complete').expect(422);
    expect(guard.body).toMatchObject({ code: 'GUARD_REJECTED', details: { guard: 'hasFindings' } });
    expect((guard.body as { message: { zh: string } }).message.zh).toContain('调研发现');
    await clerk.post(`/api/cases/${id}/events`, { type: 'research.addFinding', payload: { summary: 'x' }, extra: 1 }).expect(400);
    await clerk.post(`/api/cases/${id}/events`, { type: 'research.addFinding', payload: 'text' }).expect(400);
    await clerk.post('/api/cases/not-a-uuid/events', { type: 'topic.accept' }).expect(400);
    expect((await clerk.post(`/api/cases/${id}/events`, { type: 'research.addFinding', payload: { summary: 'a\ud800' } }).expect(400)).body).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'payload.summary',
    });
    expect((await clerk.post('/api/cases', { procedure: 'five-step', unitId: org.units.feicuijun, title: 'a\udc00', description: 'd' }).expect(400)).body).toMatchObject({
      field: 'title',
    });
    expect(await auditCount(id)).toBe(before + 1);
  });

  it('carries scenario 1 to completion: meeting result from the engine, notice period as a durable timer', async () => {
    const created = await fiveStep();
    const id = created.id;
    const clerk = org.people.clerk.caller;
    await send(clerk, id, 'topic.accept').expect(200);
    // a grid worker's role covers their grid only: the community's case is not theirs to see
    await send(org.people.gridWorker.caller, id, 'research.addFinding', { summary: '走访' }).expect(404);
    await send(clerk, id, 'research.addFinding', { summary: '走访120户老年人家庭', method: 'visit' }).expect(200);
    await send(clerk, id, 'research.complete').expect(200);
    await t.app.get(CasesService).sendSystemEvent(id, 'meeting.closed', passed);
    const approved = await send(org.people.secretary.caller, id, 'study.approve', { opinion: '同意' }).expect(200);
    expect((approved.body as { case: CaseBody }).case.state.value).toEqual({ publicNotice: 'running' });
    const [timer] = await rawQuery<{ due_at: string; timer_key: string }>(db, 'SELECT due_at, timer_key FROM timers WHERE case_id = $1', [id]);
    expect(timer).toEqual({ timer_key: 'noticePeriod', due_at: new Date(clock.now().getTime() + 7 * DAY_MS).toISOString() });

    await t.app.get(TimerScheduler).runDue();
    expect(((await clerk.get(`/api/cases/${id}`)).body as CaseBody).state.path).toBe('publicNotice.running');
    clock.advance(7 * DAY_MS);
    await t.app.get(TimerScheduler).runDue();
    const after = (await clerk.get(`/api/cases/${id}`).expect(200)).body as CaseBody;
    expect(after.state.value).toBe('implementation');
    expect(after.timeline?.at(-1)?.eventType).toBe('notice.periodEnded');
    await send(org.people.committee.caller, id, 'implementation.report', { summary: '合同已签订' }).expect(200);
    const done = (await clerk.get(`/api/cases/${id}`)).body as CaseBody;
    expect(done).toMatchObject({ status: 'closed', outcome: 'completed', allowedEvents: [] });
    const verify = await org.people.supervisor.caller.get(`/api/cases/${id}/audit/verify`).expect(200);
    expect(verify.body).toMatchObject({ valid: true, replayMatches: true, headMatches: true, problems: [] });
  });

  it('gives a receipt and honours If-Match: stale 412, malformed 400', async () => {
    const { id } = await fiveStep();
    const clerk = org.people.clerk.caller;
    const res = await clerk.post(`/api/cases/${id}/events`, { type: 'topic.accept' }).set('if-match', '"1"').expect(200);
    expect(res.headers.etag).toBe('"2"');
    expect((res.body as { receipt: { caseSeq: number; hash: string } }).receipt).toMatchObject({ caseSeq: 2, hash: expect.stringMatching(/^[0-9a-f]{64}$/) as string });
    const stale = await clerk.post(`/api/cases/${id}/events`, { type: 'research.addFinding', payload: { summary: 'x' } }).set('if-match', '"1"').expect(412);
    expect(stale.body).toMatchObject({ code: 'VERSION_MISMATCH' });
    expect(stale.headers.etag).toBe('"2"');
    await clerk.post(`/api/cases/${id}/events`, { type: 'research.addFinding', payload: { summary: 'x' } }).set('if-match', 'two').expect(400);
  });

  it('lets exactly one of many concurrent events with the same If-Match through; the rest get 409', async () => {
    const { id } = await fiveStep();
    const clerk = org.people.clerk.caller;
    await send(clerk, id, 'topic.accept').expect(200);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => clerk.post(`/api/cases/${id}/events`, { type: 'research.addFinding', payload: { summary: `发现${i}` } }).set('if-match', '"2"')),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409 || s === 412)).toBe(true);
    expect(await auditCount(id)).toBe(3);
  });

  it('answers 409 to the loser when two writes with the same If-Match reach the writer together', async () => {
    const { id } = await fiveStep();
    const service = t.app.get(CasesService);
    const actor = { personId: org.people.clerk.id, username: 'clerk.li', roles: await t.app.get(ActorService).liveRoles(org.people.clerk.id) };
    const attempt = (summary: string) =>
      service.sendEvent(actor, id, { type: 'topic.accept', payload: {} }, { ifMatch: '"1"', path: `/api/cases/${id}/events` }).then(
        () => 200,
        (error: unknown) => (error instanceof CaseError ? caseErrorStatus(error.code) : summary),
      );
    expect((await Promise.all([attempt('a'), attempt('b')])).sort()).toEqual([200, 409]);
    expect(await auditCount(id)).toBe(2);
  });

  it('replays an idempotent request without a second effect, and refuses the key with another body', async () => {
    const { id } = await fiveStep();
    const clerk = org.people.clerk.caller;
    const first = await clerk.post(`/api/cases/${id}/events`, { type: 'topic.accept' }).set('idempotency-key', 'k-1').expect(200);
    const again = await clerk.post(`/api/cases/${id}/events`, { type: 'topic.accept' }).set('idempotency-key', 'k-1');
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await auditCount(id)).toBe(2);
    const other = await clerk.post(`/api/cases/${id}/events`, { type: 'topic.reject', payload: { reason: 'x' } }).set('idempotency-key', 'k-1').expect(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    // a refused request writes nothing, so its key can be used again
    await clerk.post(`/api/cases/${id}/events`, { type: 'research.complete' }).set('idempotency-key', 'k-2').expect(422);
    await clerk.post(`/api/cases/${id}/events`, { type: 'research.addFinding', payload: { summary: 'y' } }).set('idempotency-key', 'k-2').expect(200);
    await clerk.post(`/api/cases/${id}/events`, { type: 'topic.accept' }).set('idempotency-key', 'bad key with spaces').expect(400);
  });

  it('answers 409 while a request with the same Idempotency-Key is still in flight', async () => {
    const { id } = await fiveStep();
    const clerk = org.people.clerk.caller;
    const body = { type: 'topic.accept', payload: {} };
    const { createHash } = await import('node:crypto');
    const { canonicalJson } = await import('../../src/audit/canonical-json.js');
    const fingerprint = createHash('sha256').update(canonicalJson({ method: 'POST', path: `/api/cases/${id}/events`, body }), 'utf8').digest('hex');
    await rawQuery(db, "INSERT INTO idempotency_keys (actor_id, idempotency_key, fingerprint, state, created_at) VALUES ($1, 'k-busy', $2, 'pending', $3)", [
      org.people.clerk.id,
      fingerprint,
      clock.nowIso(),
    ]);
    expect((await clerk.post(`/api/cases/${id}/events`, body).set('idempotency-key', 'k-busy').expect(409)).body).toMatchObject({ code: 'IDEMPOTENCY_IN_FLIGHT' });
    expect(await auditCount(id)).toBe(1);
    // a request that died long ago leaves its key to a retry
    clock.advance(10 * 60 * 1000);
    await clerk.post(`/api/cases/${id}/events`, body).set('idempotency-key', 'k-busy').expect(200);
  });

  it('chains records of other modules into the trail with their rows, or writes nothing when refused', async () => {
    const { id } = await fiveStep();
    const service = t.app.get(CasesService);
    const actor = { kind: 'person' as const, personId: org.people.clerk.id, role: 'council_clerk', unitId: org.units.feicuijun, as: 'role' as const };
    const refused = new Error('precondition false');
    await expect(
      service.appendRecord(id, { eventType: 'meeting.convened', payload: { meetingId: 'x' }, actor }, () => [
        { sql: "UPDATE cases SET title = title WHERE id = $1 AND status = 'closed'", params: [id], expectChanges: 1, error: refused },
      ]),
    ).rejects.toBe(refused);
    expect(await auditCount(id)).toBe(1);
    const plan = await service.appendRecord(id, { eventType: 'meeting.convened', payload: { meetingId: 'm-1' } , actor }, (p) => [
      { sql: 'UPDATE cases SET title = $1 WHERE id = $2', params: [`议题（第${p.entry.caseSeq}条记录）`, id], expectChanges: 1 },
    ]);
    expect(plan.entry).toMatchObject({ kind: 'record', caseSeq: 2, stateBefore: 'topic', stateAfter: 'topic' });
    const res = (await org.people.clerk.caller.get(`/api/cases/${id}`).expect(200)).body as CaseBody & { title: string };
    expect(res).toMatchObject({ version: 2, title: '议题（第2条记录）' });
    expect((await org.people.clerk.caller.get(`/api/cases/${id}/audit/verify`)).body).toMatchObject({ valid: true, replayMatches: true });
  });

  it('runs transition hooks in the same transaction as the step, and a refusing hook writes nothing', async () => {
    const { id } = await fiveStep();
    const writer = t.app.get(CaseWriter);
    writer.addTransitionHook((plan) => {
      if (plan.record.id !== id) return [];
      if (plan.entry.eventType === 'topic.reject') throw new CaseError(CaseErrorCode.GuardRejected, { details: { guard: 'test-hook' } });
      return plan.record.state === 'research' ? [{ sql: 'UPDATE cases SET title = $1 WHERE id = $2', params: ['调研中', id], expectChanges: 1 }] : [];
    });
    await send(org.people.clerk.caller, id, 'topic.accept').expect(200);
    expect(((await org.people.clerk.caller.get(`/api/cases/${id}`)).body as { title: string }).title).toBe('调研中');
    const other = await fiveStep();
    await send(org.people.clerk.caller, other.id, 'topic.accept').expect(200);
    expect(((await org.people.clerk.caller.get(`/api/cases/${other.id}`)).body as { title: string }).title).not.toBe('调研中');
    const { id: third } = await fiveStep();
    writer.addTransitionHook((plan) => {
      if (plan.record.id === third && plan.entry.eventType === 'topic.reject') throw new CaseError(CaseErrorCode.GuardRejected, { details: { guard: 'test-hook' } });
      return [];
    });
    await send(org.people.clerk.caller, third, 'topic.reject', { reason: '不予受理' }).expect(422);
    expect(await auditCount(third)).toBe(1);
  });

  it('lists cases in scope with filters and a cursor', async () => {
    const clerk = org.people.clerk.caller;
    const page1 = await clerk.get('/api/cases?limit=2&procedure=five-step&status=open').expect(200);
    const body1 = page1.body as { items: CaseBody[]; nextCursor: string | null };
    expect(body1.items).toHaveLength(2);
    expect(body1.nextCursor).not.toBeNull();
    const page2 = (await clerk.get(`/api/cases?limit=2&procedure=five-step&status=open&cursor=${body1.nextCursor}`).expect(200)).body as { items: CaseBody[] };
    expect(page2.items.map((c) => c.id)).not.toContain(body1.items[0]?.id);
    const closed = (await clerk.get('/api/cases?status=closed').expect(200)).body as { items: CaseBody[] };
    expect(closed.items.every((c) => c.status === 'closed')).toBe(true);
    const text = (await clerk.get(`/api/cases?q=${encodeURIComponent('日间照料')}`).expect(200)).body as { items: CaseBody[] };
    expect(text.items.length).toBeGreaterThan(0);
    const outsider = (await org.people.outsider.caller.get('/api/cases').expect(200)).body as { items: CaseBody[] };
    expect(outsider.items).toEqual([]);
    await clerk.get('/api/cases?cursor=@@@').expect(400);
    await clerk.get('/api/cases?status=maybe').expect(400);
  });

  it('records a timer that comes due after its case left the state as discarded', async () => {
    const { id } = await fiveStep();
    await rawQuery(db, 'INSERT INTO timers (id, case_id, timer_key, event, due_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      '00000000-0000-4000-8000-000000000001',
      id,
      'noticePeriod',
      JSON.stringify({ type: 'notice.periodEnded', payload: {} }),
      clock.nowIso(),
      clock.nowIso(),
    ]);
    await t.app.get(TimerScheduler).runDue();
    const audit = (await org.people.clerk.caller.get(`/api/cases/${id}/audit`).expect(200)).body as { items: { kind: string; eventType: string }[] };
    expect(audit.items.at(-1)).toMatchObject({ kind: 'timer.discarded', eventType: 'notice.periodEnded' });
    expect(await rawQuery(db, 'SELECT id FROM timers WHERE case_id = $1', [id])).toEqual([]);
    expect((await org.people.clerk.caller.get(`/api/cases/${id}/audit/verify`)).body).toMatchObject({ valid: true });
  });

  describe('tampering, found by verification', () => {
    const threeEntries = async () => {
      const { id } = await fiveStep();
      await send(org.people.clerk.caller, id, 'topic.accept').expect(200);
      await send(org.people.clerk.caller, id, 'research.addFinding', { summary: '原始发现' }).expect(200);
      return id;
    };
    const verify = async (id: string) => (await org.people.supervisor.caller.get(`/api/cases/${id}/audit/verify`).expect(200)).body as { valid: boolean; replayMatches: boolean; problems: { code: string; caseSeq: number }[] };

    it('refuses UPDATE and DELETE of audit entries in the database itself', async () => {
      const id = await threeEntries();
      await expect(rawQuery(db, "UPDATE audit_entries SET payload = '{}' WHERE case_id = $1", [id])).rejects.toThrow(/append-only/);
      await expect(rawQuery(db, 'DELETE FROM audit_entries WHERE case_id = $1', [id])).rejects.toThrow(/append-only/);
    });

    it('names the entry whose payload was edited', async () => {
      const id = await threeEntries();
      await withoutAuditTriggers(db, async () => {
        await rawQuery(db, 'UPDATE audit_entries SET payload = $1 WHERE case_id = $2 AND case_seq = 3', [JSON.stringify({ summary: '篡改' }), id]);
      });
      const result = await verify(id);
      expect(result.valid).toBe(false);
      expect(result.problems[0]).toMatchObject({ code: 'HASH_MISMATCH', caseSeq: 3 });
    });

    it('notices a deleted entry and entries reordered', async () => {
      const deleted = await threeEntries();
      const reordered = await threeEntries();
      await withoutAuditTriggers(db, async () => {
        await rawQuery(db, 'DELETE FROM audit_entries WHERE case_id = $1 AND case_seq = 2', [deleted]);
        await rawQuery(db, 'UPDATE audit_entries SET case_seq = 99 WHERE case_id = $1 AND case_seq = 2', [reordered]);
        await rawQuery(db, 'UPDATE audit_entries SET case_seq = 2 WHERE case_id = $1 AND case_seq = 3', [reordered]);
        await rawQuery(db, 'UPDATE audit_entries SET case_seq = 3 WHERE case_id = $1 AND case_seq = 99', [reordered]);
      });
      expect((await verify(deleted)).problems.map((p) => p.code)).toContain('CASE_SEQ_GAP');
      expect((await verify(reordered)).valid).toBe(false);
      const all = (await org.root.get('/api/audit/verify').expect(200)).body as { valid: boolean; globalSequenceGaps: unknown[] };
      expect(all.valid).toBe(false);
      expect(all.globalSequenceGaps.length).toBeGreaterThan(0);
    });

    it('notices a snapshot edited behind the trail’s back (replay mismatch)', async () => {
      const id = await threeEntries();
      const [row] = await rawQuery<{ snapshot: string }>(db, 'SELECT snapshot FROM cases WHERE id = $1', [id]);
      const snapshot = JSON.parse(row?.snapshot ?? '{}') as { value: unknown };
      snapshot.value = 'study';
      await rawQuery(db, "UPDATE cases SET snapshot = $1, state = 'study' WHERE id = $2", [JSON.stringify(snapshot), id]);
      const result = await verify(id);
      expect(result).toMatchObject({ valid: false, replayMatches: false });
      expect(result.problems.map((p) => p.code)).toContain('SNAPSHOT_MISMATCH');
    });
  });
});
