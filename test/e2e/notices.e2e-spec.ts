import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../workflows/core/procedure.js';
import { CasesService } from '../../src/cases/cases.service.js';
import { rawQuery } from '../../src/database/raw-query.js';
import { Clock, ManualClock } from '../../src/timers/clock.js';
import { TimerScheduler } from '../../src/timers/timer-scheduler.service.js';
import { buildCaseOrg, type CaseOrg } from '../support/case-org.js';
import { approve, currentNoticeId, fileObjection, fiveStepAtStudy, freshAddress, objectionRows, sendEvent } from '../support/notice-case.js';
import { withoutAuditTriggers } from '../support/tamper.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MATTER = 'land_compensation';

interface NoticeBody {
  id: string;
  kind: string;
  status: string;
  startsAt: string;
  endsAt: string;
  originalEndsAt: string;
  extendedDays: number;
  closedAt: string | null;
  verificationHash: string;
  objections: Record<string, number>;
  body: { title: string; decision: { texts: { text: string }[] }; meeting: { passed: boolean } | null };
}

describe('public notices: published, ended and withdrawn with the case', () => {
  let t: TestApp;
  let org: CaseOrg;
  let clock: ManualClock;
  let db: DataSource;
  const runDue = () => t.app.get(TimerScheduler).runDue();
  const stateOf = async (caseId: string) => ((await org.people.clerk.caller.get(`/api/cases/${caseId}`).expect(200)).body as { state: { path: string } }).state.path;
  const publicNotice = async (id: string) => (await t.http().get(`/api/public/notices/${id}`).expect(200)).body as NoticeBody;

  beforeAll(async () => {
    t = await startTestApp({ MINYI_MANUAL_CLOCK: 'true', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test' });
    clock = t.app.get<Clock, ManualClock>(Clock);
    db = t.app.get(DataSource);
    org = await buildCaseOrg(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('publishes a notice exactly when the case enters its notice state, with the period from the case configuration', async () => {
    const caseId = await fiveStepAtStudy(t, org, { config: { noticePeriodDays: 5 } });
    expect((await org.people.clerk.caller.get(`/api/cases/${caseId}/notices`).expect(200)).body).toEqual({ items: [] });
    const start = clock.nowIso();
    const hash = await approve(org, caseId);
    const staff = (await org.people.clerk.caller.get(`/api/cases/${caseId}/notices`).expect(200)).body as { items: (NoticeBody & { caseId: string; statePath: string })[] };
    expect(staff.items).toHaveLength(1);
    const [notice] = staff.items;
    expect(notice).toMatchObject({
      caseId,
      statePath: 'publicNotice',
      kind: 'consultation_outcome',
      status: 'running',
      startsAt: start,
      endsAt: new Date(Date.parse(start) + 5 * DAY_MS).toISOString(),
      extendedDays: 0,
      verificationHash: hash,
      body: { title: '引入专业机构运营日间照料中心', decision: { texts: [{ text: '同意引入专业机构运营' }] }, meeting: { passed: true, figures: { expected: 21, present: 15, recused: 0, for: 12, against: 2, abstain: 1 } } },
    });
    // the period's end is the engine's durable timer
    const [timer] = await rawQuery<{ due_at: string }>(db, 'SELECT due_at FROM timers WHERE case_id = $1', [caseId]);
    expect(timer?.due_at).toBe(notice?.endsAt);
    // the case's unit and every unit above it show it on their boards; a sibling and a unit below do not
    for (const unit of ['feicuijun', 'beitan', 'district'] as const) {
      const board = (await t.http().get(`/api/public/units/${org.units[unit]}/notices`).expect(200)).body as { items: { id: string }[]; total: number };
      expect(board.items.map((n) => n.id)).toContain(notice?.id);
    }
    for (const unit of ['gated', 'grid', 'village'] as const) {
      const board = (await t.http().get(`/api/public/units/${org.units[unit]}/notices`).expect(200)).body as { items: { id: string }[] };
      expect(board.items.map((n) => n.id)).not.toContain(notice?.id);
    }
    // the public JSON names nobody: no person's id, no contact
    const json = JSON.stringify([await publicNotice(notice?.id as string), (await t.http().get(`/api/public/units/${org.units.district}/notices`)).body]);
    for (const person of Object.values(org.people)) expect(json).not.toContain(person.id);
    expect(json).not.toMatch(/personId|submitterId|contact|caseId/);
    // the case's own audit trail verifies
    expect((await org.people.supervisor.caller.get(`/api/cases/${caseId}/audit/verify`).expect(200)).body).toMatchObject({ valid: true });
  });

  it('answers 404 for an unknown notice or unit, 400 for a malformed id', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await t.http().get(`/api/public/notices/${unknown}`).expect(404)).body).toMatchObject({ code: 'NOTICE_NOT_FOUND' });
    expect((await t.http().get(`/public/notices/${unknown}`).expect(404)).body).toMatchObject({ code: 'NOTICE_NOT_FOUND' });
    expect((await t.http().get(`/api/public/units/${unknown}/notices`).expect(404)).body).toMatchObject({ code: 'NOTICE_UNIT_NOT_FOUND' });
    await t.http().get('/api/public/notices/not-a-uuid').expect(400);
    await t.http().post(`/api/public/notices/${unknown}/objections`).send({ name: 'a', contact: 'b', text: 'c', formToken: 'x' }).expect(404);
  });

  it('scenario 1: an objection about fees, answered not upheld; the period ends; the case is adopted; later objections are refused with the closing time', async () => {
    const caseId = await fiveStepAtStudy(t, org);
    await approve(org, caseId);
    const noticeId = await currentNoticeId(db, caseId);
    const filed = await fileObjection(t, clock, noticeId, { name: '王大妈', contact: '13800000001', text: '收费标准不清楚，担心老人负担过重' });
    expect(filed.status).toBe(201);
    const receipt = filed.body as { id: string; status: string; receiptHash: string };
    expect(receipt).toMatchObject({ status: 'pending' });
    // in the case's chain, as a system entry
    const audit = (await org.people.clerk.caller.get(`/api/cases/${caseId}/audit`).expect(200)).body as { items: { eventType: string; hash: string; payload: unknown; actor: { kind: string } }[] };
    // the text is chained (so it cannot be changed unnoticed); name and contact never are
    expect(audit.items.at(-1)).toMatchObject({ eventType: 'objection.filed', hash: receipt.receiptHash, actor: { kind: 'system' } });
    expect(audit.items.at(-1)?.payload).toEqual({ objectionId: receipt.id, text: '收费标准不清楚，担心老人负担过重' });
    expect(JSON.stringify(audit.items)).not.toMatch(/13800000001|王大妈/);
    // contacts for the staff who answer, never on the board
    const listed = (await org.people.clerk.caller.get(`/api/notices/${noticeId}/objections`).expect(200)).body as { items: { contact: string; status: string }[] };
    expect(listed.items).toEqual([
      expect.objectContaining({ id: receipt.id, name: '王大妈', contact: '13800000001', status: 'pending', receiptHash: receipt.receiptHash, textMatchesTrail: true, trailText: null }),
    ]);
    const shown = JSON.stringify([await publicNotice(noticeId), (await t.http().get(`/public/notices/${noticeId}`)).text]);
    expect(shown).not.toContain('13800000001');
    expect(shown).not.toContain('王大妈');
    expect((await publicNotice(noticeId)).objections).toEqual({ filed: 1, pending: 1, upheld: 0, dismissed: 0, lapsed: 0 });

    // the period cannot end with the objection unanswered: the case waits, filing is closed
    clock.advance(7 * DAY_MS);
    await runDue();
    expect(await stateOf(caseId)).toBe('publicNotice.awaitingAnswers');
    const ended = await publicNotice(noticeId);
    expect(ended.status).toBe('ended');
    const late = await fileObjection(t, clock, noticeId, { text: '另一条异议' });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ code: 'OBJECTION_PERIOD_CLOSED', details: { closedAt: ended.endsAt } });
    expect((late.body as { message: { en: string } }).message.en).toContain(ended.endsAt);

    await sendEvent(org.people.clerk.caller, caseId, 'objection.dismiss', { objectionId: receipt.id, reason: '收费标准已在协商会上公布，另附说明' }).expect(200);
    expect(await stateOf(caseId)).toBe('implementation');
    expect(await objectionRows(db, noticeId)).toEqual([expect.objectContaining({ id: receipt.id, status: 'dismissed', answer_reason: '收费标准已在协商会上公布，另附说明' })]);
    const closed = await publicNotice(noticeId);
    expect(closed).toMatchObject({ status: 'ended', objections: { filed: 1, pending: 0, dismissed: 1 } });
    expect(closed.closedAt).not.toBeNull();
    expect((await org.people.supervisor.caller.get(`/api/cases/${caseId}/audit/verify`).expect(200)).body).toMatchObject({ valid: true });
  });

  it('finds an objection text edited in the database: the row against its chained text, and the entry by audit verification', async () => {
    const caseId = await fiveStepAtStudy(t, org);
    await approve(org, caseId);
    const noticeId = await currentNoticeId(db, caseId);
    const filed = (await fileObjection(t, clock, noticeId, { text: '运营机构资质未公示' })).body as { id: string; receiptHash: string };
    const listed = async () => ((await org.people.supervisor.caller.get(`/api/notices/${noticeId}/objections`).expect(200)).body as { items: Record<string, unknown>[] }).items;
    const verify = async () =>
      (await org.people.supervisor.caller.get(`/api/cases/${caseId}/audit/verify`).expect(200)).body as { valid: boolean; problems: { code: string; caseSeq: number }[] };
    expect(await verify()).toMatchObject({ valid: true });

    // someone with database access softens the objection in its row: the list shows what the trail recorded
    await rawQuery(db, 'UPDATE objections SET text = $1 WHERE id = $2', ['没有意见', filed.id]);
    expect(await listed()).toEqual([expect.objectContaining({ id: filed.id, text: '没有意见', textMatchesTrail: false, trailText: '运营机构资质未公示' })]);

    // and if they also rewrite the audit entry to match, audit verification names that entry
    const [entry] = await rawQuery<{ case_seq: number | string; payload: string }>(db, "SELECT case_seq, payload FROM audit_entries WHERE case_id = $1 AND event_type = 'objection.filed'", [caseId]);
    const payload = JSON.parse(entry?.payload as string) as Record<string, unknown>;
    expect(payload).toEqual({ objectionId: filed.id, text: '运营机构资质未公示' });
    await withoutAuditTriggers(db, () => rawQuery(db, 'UPDATE audit_entries SET payload = $1 WHERE hash = $2', [JSON.stringify({ ...payload, text: '没有意见' }), filed.receiptHash]));
    expect(await listed()).toEqual([expect.objectContaining({ id: filed.id, textMatchesTrail: true })]);
    const verdict = await verify();
    expect(verdict.valid).toBe(false);
    expect(verdict.problems).toContainEqual(expect.objectContaining({ code: 'HASH_MISMATCH', caseSeq: Number(entry?.case_seq) }));
  });

  it('an upheld objection withdraws the notice and sends the case back; other pending objections lapse; the next approval publishes a new notice', async () => {
    const caseId = await fiveStepAtStudy(t, org);
    await approve(org, caseId);
    const noticeId = await currentNoticeId(db, caseId);
    const first = (await fileObjection(t, clock, noticeId, { text: '运营机构没有公开招标' })).body as { id: string };
    const second = (await fileObjection(t, clock, noticeId, { text: '希望增加康复理疗项目' })).body as { id: string };
    // answering needs the declared role: a supervisor reads, does not answer
    await sendEvent(org.people.supervisor.caller, caseId, 'objection.uphold', { objectionId: first.id, reason: 'x' }).expect(403);
    await sendEvent(org.people.committee.caller, caseId, 'objection.uphold', { objectionId: first.id, reason: '应当公开招标，重新协商' }).expect(200);
    expect(await stateOf(caseId)).toBe('consultation');
    expect(await publicNotice(noticeId)).toMatchObject({ status: 'withdrawn', objections: { filed: 2, upheld: 1, lapsed: 1, pending: 0 } });
    expect((await objectionRows(db, noticeId)).map((o) => [o.id, o.status])).toEqual([
      [first.id, 'upheld'],
      [second.id, 'lapsed'],
    ]);
    const refused = await fileObjection(t, clock, noticeId, { text: '第三条' });
    expect(refused.body).toMatchObject({ code: 'OBJECTION_PERIOD_CLOSED' });
    // the withdrawn notice's timer went with it; a new consultation and approval publish a second notice
    expect(await rawQuery(db, 'SELECT 1 FROM timers WHERE case_id = $1', [caseId])).toEqual([]);
    await t.app.get(CasesService).sendSystemEvent(caseId, 'meeting.closed', { meetingId: 'm2', body: 'resident_council', quorumMet: true, passed: true, ruleId: 'r' });
    await approve(org, caseId, '同意（公开招标后）');
    const notices = (await org.people.clerk.caller.get(`/api/cases/${caseId}/notices`).expect(200)).body as { items: NoticeBody[] };
    expect(notices.items.map((n) => n.status)).toEqual(['withdrawn', 'running']);
    expect(await currentNoticeId(db, caseId)).toBe(notices.items[1]?.id);
  });

  it('lets only the answering staff and supervisors read objections with contacts', async () => {
    const caseId = await fiveStepAtStudy(t, org);
    await approve(org, caseId);
    const noticeId = await currentNoticeId(db, caseId);
    await org.people.clerk.caller.get(`/api/notices/${noticeId}/objections`).expect(200);
    await org.people.committee.caller.get(`/api/notices/${noticeId}/objections`).expect(200);
    await org.people.supervisor.caller.get(`/api/notices/${noticeId}/objections`).expect(200);
    // the submitter sees the case but not other people's contacts; the secretary approves but does not answer
    expect((await org.people.resident.caller.get(`/api/notices/${noticeId}/objections`).expect(403)).body).toMatchObject({ code: 'NOTICE_FORBIDDEN' });
    await org.people.secretary.caller.get(`/api/notices/${noticeId}/objections`).expect(403);
    await org.people.outsider.caller.get(`/api/notices/${noticeId}/objections`).expect(404);
    await org.people.outsider.caller.get(`/api/cases/${caseId}/notices`).expect(404);
    await t.http().get(`/api/notices/${noticeId}/objections`).expect(401);
  });

  it('defends the objection form without third parties: honeypot, form age, single use, duplicates, sizes, per-address limit', async () => {
    const caseId = await fiveStepAtStudy(t, org);
    await approve(org, caseId);
    const noticeId = await currentNoticeId(db, caseId);
    const post = (body: Record<string, unknown>, from = freshAddress()) => t.http().post(`/api/public/notices/${noticeId}/objections`).set('X-Forwarded-For', from).send(body);
    const form = async () => ((await t.http().get(`/api/public/notices/${noticeId}/objection-form`).expect(200)).body as { formToken: string; honeypotField: string }).formToken;

    expect((await fileObjection(t, clock, noticeId, { text: '机器人', website: 'http://spam.example' })).body).toMatchObject({ code: 'OBJECTION_SPAM_SUSPECTED' });
    const fresh = await post({ name: 'a', contact: 'b', text: '太快了', formToken: await form() });
    expect(fresh.status).toBe(429);
    expect(fresh.body).toMatchObject({ code: 'OBJECTION_FORM_TOO_FRESH' });
    expect(fresh.headers['retry-after']).toBe('5');
    expect((await post({ name: 'a', contact: 'b', text: '伪造', formToken: 'abc.def.ghi' }).expect(400)).body).toMatchObject({ code: 'OBJECTION_FORM_INVALID' });
    expect((await post({ name: 'a', contact: 'b', text: '无表单' }).expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED' });

    const token = await form();
    clock.advance(6_000);
    await post({ name: '李四', contact: 'li@example.com', text: '  同一条   异议 ', formToken: token }).expect(201);
    expect((await post({ name: '李四', contact: 'li@example.com', text: '另一条', formToken: token }).expect(400)).body).toMatchObject({ code: 'OBJECTION_FORM_INVALID', details: { reason: 'used' } });
    expect((await fileObjection(t, clock, noticeId, { text: '同一条 异议' })).body).toMatchObject({ code: 'OBJECTION_DUPLICATE' });
    expect((await fileObjection(t, clock, noticeId, { text: 'x'.repeat(2001) })).body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'text' })] });
    expect((await fileObjection(t, clock, noticeId, { text: 'ok', contact: 'c'.repeat(201) })).status).toBe(400);
    expect((await fileObjection(t, clock, noticeId, { text: 'ok', name: '' })).status).toBe(400);
    // an unpaired surrogate is no text: refused before anything is stored or chained
    expect((await fileObjection(t, clock, noticeId, { text: '坏\ud800字' })).body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'text' });

    // ten attempts an hour per address, whatever their outcome
    const shared = freshAddress();
    for (let i = 0; i < 10; i += 1) expect((await post({ name: 'n', contact: 'c', text: `t${i}`, formToken: 'bad' }, shared)).status).toBe(400);
    const limited = await post({ name: 'n', contact: 'c', text: 't', formToken: 'bad' }, shared);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'OBJECTION_RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await objectionRows(db, noticeId)).length).toBe(1);
  });

  it('extends a running notice with an audited reason; the timer moves; it cannot end early', async () => {
    const caseId = await fiveStepAtStudy(t, org);
    await approve(org, caseId);
    const noticeId = await currentNoticeId(db, caseId);
    const before = await publicNotice(noticeId);
    await org.people.clerk.caller.post(`/api/notices/${noticeId}/extend`, { days: 3 }).expect(400);
    expect((await org.people.supervisor.caller.post(`/api/notices/${noticeId}/extend`, { days: 3, reason: 'x' }).expect(403)).body).toMatchObject({ code: 'NOTICE_FORBIDDEN' });
    await org.people.outsider.caller.post(`/api/notices/${noticeId}/extend`, { days: 3, reason: 'x' }).expect(404);
    await org.people.clerk.caller.post(`/api/notices/${noticeId}/extend`, { days: 0, reason: 'x' }).expect(400);
    const extended = (await org.people.clerk.caller.post(`/api/notices/${noticeId}/extend`, { days: 3, reason: '春节假期，居民外出' }).expect(200)).body as NoticeBody;
    const newEnd = new Date(Date.parse(before.endsAt) + 3 * DAY_MS).toISOString();
    expect(extended).toMatchObject({ endsAt: newEnd, originalEndsAt: before.endsAt, extendedDays: 3, status: 'running' });
    const [timer] = await rawQuery<{ due_at: string }>(db, 'SELECT due_at FROM timers WHERE case_id = $1', [caseId]);
    expect(timer?.due_at).toBe(newEnd);
    const audit = (await org.people.supervisor.caller.get(`/api/cases/${caseId}/audit`).expect(200)).body as { items: { kind: string; eventType: string; payload: unknown; actor: { personId: string; role: string } }[] };
    expect(audit.items.at(-1)).toMatchObject({
      kind: 'record',
      eventType: 'notice.extended',
      payload: { noticeId, days: 3, reason: '春节假期，居民外出', previousEnd: before.endsAt, newEnd },
      actor: { personId: org.people.clerk.id, role: 'council_clerk' },
    });
    // no way to end it early: no route, and the period's end is a system event
    await org.people.clerk.caller.post(`/api/notices/${noticeId}/end`, {}).expect(404);
    expect((await sendEvent(org.people.clerk.caller, caseId, 'notice.periodEnded').expect(403)).body).toMatchObject({ code: 'EVENT_FORBIDDEN' });
    // the old end passes: objections still accepted, nothing fires
    clock.set(new Date(Date.parse(before.endsAt) + 60_000));
    await runDue();
    expect(await stateOf(caseId)).toBe('publicNotice.running');
    expect((await fileObjection(t, clock, noticeId, { text: '延长期内的异议' })).status).toBe(201);
    const [objection] = await objectionRows(db, noticeId);
    await sendEvent(org.people.clerk.caller, caseId, 'objection.dismiss', { objectionId: objection?.id, reason: '已说明' }).expect(200);
    clock.set(newEnd);
    await runDue();
    expect(await stateOf(caseId)).toBe('implementation');
    expect((await org.people.clerk.caller.post(`/api/notices/${noticeId}/extend`, { days: 1, reason: '太晚了' }).expect(422)).body).toMatchObject({ code: 'NOTICE_NOT_RUNNING' });
    expect((await org.people.supervisor.caller.get(`/api/cases/${caseId}/audit/verify`).expect(200)).body).toMatchObject({ valid: true });
  });
});

describe('public notices: the two publications of 一报四议两公开 (scenario 2)', () => {
  let t: TestApp;
  let org: CaseOrg;
  let clock: ManualClock;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ MINYI_MANUAL_CLOCK: 'true', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test' });
    clock = t.app.get<Clock, ManualClock>(Clock);
    db = t.app.get(DataSource);
    org = await buildCaseOrg(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('publishes the resolution, then the implementation result, each for its configured period, on the village and town boards', async () => {
    const opened = await org.people.branch.caller
      .post('/api/cases', {
        procedure: 'one-report-four-deliberations',
        unitId: org.units.village,
        title: '征地补偿款分配方案',
        description: '按户籍人口分配征地补偿款',
        config: { resolutionNoticeDays: 10, resultNoticeDays: 5 },
      })
      .expect(201);
    const caseId = (opened.body as { id: string }).id;
    await sendEvent(org.people.branch.caller, caseId, 'report.submit', { summary: '征地补偿款分配方案', matterCategory: MATTER }).expect(200);
    await sendEvent(org.people.town.caller, caseId, 'report.approve', { opinion: '同意' }).expect(200);
    const cases = t.app.get(CasesService);
    for (const body of ['party_organisation_meeting', 'two_committee_joint_meeting', 'party_member_assembly', 'villager_representative_meeting']) {
      await cases.sendSystemEvent(caseId, 'meeting.closed', { meetingId: `m-${body}`, body, quorumMet: true, passed: true, ruleId: 'r', expected: 45, present: 31, votesFor: 24, votesAgainst: 5, votesAbstain: 2 });
    }
    const resolutionStart = clock.nowIso();
    const list = async () => ((await org.people.villageCommittee.caller.get(`/api/cases/${caseId}/notices`).expect(200)).body as { items: NoticeBody[] }).items;
    const [resolution, ...others] = await list();
    expect(others).toEqual([]);
    expect(resolution).toMatchObject({ kind: 'resolution', status: 'running', endsAt: new Date(Date.parse(resolutionStart) + 10 * DAY_MS).toISOString() });
    expect(resolution?.body.meeting).toMatchObject({ passed: true, figures: { expected: 45, present: 31, for: 24, against: 5, abstain: 2 } });
    // the village committee (a declared answerer) reads objections; the township's board shows the notice
    await org.people.villageCommittee.caller.get(`/api/notices/${(await list())[0]?.id}/objections`).expect(200);
    for (const unit of ['village', 'sangzidian', 'district'] as const) {
      expect(((await t.http().get(`/api/public/units/${org.units[unit]}/notices`).expect(200)).body as { total: number }).total).toBe(1);
    }
    expect(((await t.http().get(`/api/public/units/${org.units.feicuijun}/notices`).expect(200)).body as { total: number }).total).toBe(0);
    // the resolution's period cannot be cut short: implementing is refused until it has run
    await sendEvent(org.people.villageCommittee.caller, caseId, 'implementation.report', { summary: '补偿款已发放' }).expect(422);
    clock.advance(10 * DAY_MS);
    await t.app.get(TimerScheduler).runDue();
    await sendEvent(org.people.villageCommittee.caller, caseId, 'implementation.report', { summary: '补偿款已按户发放完毕' }).expect(200);
    const both = await list();
    expect(both.map((n) => [n.kind, n.status])).toEqual([
      ['resolution', 'ended'],
      ['implementation_result', 'running'],
    ]);
    expect(both[1]?.body.decision.texts.map((x) => x.text)).toEqual(['补偿款已按户发放完毕']);
    expect(both[1]?.endsAt).toBe(new Date(clock.now().getTime() + 5 * DAY_MS).toISOString());
    clock.advance(5 * DAY_MS);
    await t.app.get(TimerScheduler).runDue();
    expect((await list()).map((n) => n.status)).toEqual(['ended', 'ended']);
    const kase = (await org.people.villageCommittee.caller.get(`/api/cases/${caseId}`).expect(200)).body as { status: string; outcome: string };
    expect(kase).toMatchObject({ status: 'closed', outcome: 'completed' });
    const board = (await t.http().get(`/api/public/units/${org.units.village}/notices?status=past`).expect(200)).body as { total: number };
    expect(board.total).toBe(2);
    expect(((await t.http().get(`/api/public/units/${org.units.village}/notices?status=current`).expect(200)).body as { total: number }).total).toBe(0);
    expect(await rawQuery(db, 'SELECT 1 FROM notices WHERE case_id = $1 AND closed_at IS NULL', [caseId])).toEqual([]);
  });
});
