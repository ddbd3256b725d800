import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../workflows/core/procedure.js';
import { rawQuery } from '../../src/database/raw-query.js';
import { Clock, type ManualClock } from '../../src/timers/clock.js';
import type { Caller } from '../support/api.js';
import { buildCaseOrg, type CaseOrg } from '../support/case-org.js';
import {
  buildMeetingVillage,
  caseState,
  expectRefused,
  holdMeeting,
  nowIso,
  ok,
  sendEvent,
  type MeetingBody,
  type MeetingVillage,
} from '../support/meeting-org.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Meetings through HTTP: the legal edges decided by the engine, every refusal (nothing written),
 * one ballot per member under concurrency, secret ballots that cannot be linked to their voters,
 * corrections, and the meeting record.
 */
describe('meetings', () => {
  let t: TestApp;
  let org: CaseOrg;
  let village: MeetingVillage;
  let db: DataSource;
  let branch: Caller;
  let committee: Caller;

  /** A 一报四议两公开 case at the test village, driven to `until` through real meetings. */
  const openCase = async (until: 'proposing' | 'discussing' | 'reviewing' | 'resolving'): Promise<string> => {
    const created = await ok<{ id: string }>(
      branch.post('/api/cases', { procedure: 'one-report-four-deliberations', unitId: village.unit, title: '征地补偿款分配方案', description: '分配方案' }),
      201,
    );
    const id = created.id;
    await sendEvent(branch, id, 'report.submit', { summary: '分配方案', matterCategory: 'land_compensation' });
    await sendEvent(org.people.town.caller, id, 'report.approve');
    if (until === 'proposing') return id;
    await holdMeeting(t, branch, id, { body: 'party_organisation_meeting', present: village.branch.ids, vote: { mode: 'tally', for: 3, against: 0, abstain: 0 } });
    if (until === 'discussing') return id;
    await holdMeeting(t, branch, id, { body: 'two_committee_joint_meeting', present: [...village.branch.ids, ...village.committee.ids], vote: { mode: 'tally', for: 6, against: 0, abstain: 0 } });
    if (until === 'reviewing') return id;
    await holdMeeting(t, branch, id, { body: 'party_member_assembly', present: village.partyMembers.slice(0, 15), vote: { mode: 'tally', for: 15, against: 0, abstain: 0 } });
    return id;
  };

  beforeAll(async () => {
    t = await startTestApp({ MINYI_MANUAL_CLOCK: 'true', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test' });
    db = t.app.get<DataSource>(getDataSourceToken());
    org = await buildCaseOrg(t);
    // Representative meeting of 30: 27 representatives + 3 committee members; 20 party members.
    village = await buildMeetingVillage(t, org.root, org.units.sangzidian, 'liujia', { branch: 3, committee: 3, representatives: 27, partyMembers: 20, logins: 3 });
    branch = village.branch.callers[0] as Caller;
    committee = village.committee.callers[0] as Caller;
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  describe('the law decides, through the API', () => {
    it('party-member assembly of 20: 11 present and 10 for fails (majority of the eligible), 11 for passes', async () => {
      const id = await openCase('reviewing');
      const eleven = village.partyMembers.slice(0, 11);
      const failed = await holdMeeting(t, branch, id, { body: 'party_member_assembly', present: eleven, vote: { mode: 'tally', for: 10, against: 1, abstain: 0 } });
      expect(failed).toMatchObject({ status: 'closed', passed: false, figures: { expected: 20, present: 11 } });
      expect(failed.result?.quorum.met).toBe(true);
      expect(failed.result?.rule).toMatchObject({ id: 'cpc-branch-work-regulations.art-11', source: 'statutory' });
      expect(await caseState(branch, id)).toBe('reviewing');
      const passed = await holdMeeting(t, branch, id, { body: 'party_member_assembly', present: eleven, vote: { mode: 'tally', for: 11, against: 0, abstain: 0 } });
      expect(passed.passed).toBe(true);
      expect(await caseState(branch, id)).toBe('resolving');
    });

    it('representative meeting of 30: 19 present fails for quorum, 20 present with 11 for passes', async () => {
      const id = await openCase('resolving');
      const roster = [...village.representatives, ...village.committee.ids];
      const noQuorum = await holdMeeting(t, committee, id, { body: 'villager_representative_meeting', present: roster.slice(0, 19), vote: { mode: 'tally', for: 19, against: 0, abstain: 0 } });
      expect(noQuorum).toMatchObject({ passed: false, figures: { expected: 30, present: 19 } });
      expect(noQuorum.result?.quorum.met).toBe(false);
      expect(await caseState(committee, id)).toBe('resolving');
      const carried = await holdMeeting(t, committee, id, { body: 'villager_representative_meeting', present: roster.slice(0, 20), vote: { mode: 'tally', for: 11, against: 6, abstain: 3 } });
      expect(carried).toMatchObject({ passed: true, figures: { expected: 30, present: 20 } });
      expect(carried.result?.figures.ratio).toBe('20/30');
      expect(carried.rule).toMatchObject({ id: 'villagers-committees-law.art-26', source: 'statutory' });
      expect(await caseState(committee, id)).toEqual({ resolutionPublished: 'running' });
    });

    it('recusal moves the base: 30 members, 2 recused, 19 counted present is a quorum of 28', async () => {
      const id = await openCase('resolving');
      const roster = [...village.representatives, ...village.committee.ids];
      const recused = roster.slice(0, 2);
      const meeting = await holdMeeting(t, committee, id, {
        body: 'villager_representative_meeting',
        present: roster.slice(0, 21),
        recused,
        vote: { mode: 'tally', for: 10, against: 9, abstain: 0 },
      });
      expect(meeting.figures).toMatchObject({ expected: 30, present: 19, recused: 2 });
      expect(meeting.result?.figures.quorumBase).toBe(28);
      expect(meeting).toMatchObject({ passed: true });
      expect(meeting.members.filter((m) => m.recused).map((m) => m.personId).sort()).toEqual([...recused].sort());
    });

    it("villagers' assembly: 10 days' notice, and a quorum by households alone", async () => {
      const id = await openCase('resolving');
      const clock = t.app.get<Clock, ManualClock>(Clock);
      const eightDays = new Date(clock.now().getTime() + 8 * DAY_MS).toISOString();
      await expectRefused(db, () => committee.post(`/api/cases/${id}/meetings`, { body: 'villagers_assembly', scheduledAt: eightDays, place: '村广场', motion: '分配方案' }), 422, 'NOTICE_TOO_SHORT');
      const refused = await committee.post(`/api/cases/${id}/meetings`, { body: 'villagers_assembly', scheduledAt: eightDays, place: '村广场', motion: '分配方案' });
      expect((refused.body as { message: { zh: string } }).message.zh).toContain('第二十一条');
      const tenDays = new Date(clock.now().getTime() + 10 * DAY_MS).toISOString();
      const meeting = await ok<MeetingBody>(committee.post(`/api/cases/${id}/meetings`, { body: 'villagers_assembly', scheduledAt: tenDays, place: '村广场', motion: '分配方案' }), 201);
      expect(meeting.figures.expected).toBe(800);
      await expectRefused(db, () => committee.post(`/api/meetings/${meeting.id}/open`, {}), 422, 'MEETING_NOT_YET_DUE');
      clock.advance(10 * DAY_MS);
      await ok(committee.post(`/api/meetings/${meeting.id}/open`, {}));
      await expectRefused(db, () => committee.post(`/api/meetings/${meeting.id}/attendance`, { present: 801 }), 422, 'ATTENDANCE_ABOVE_ROSTER');
      await expectRefused(db, () => committee.post(`/api/meetings/${meeting.id}/attendance`, { present: -1 }), 400, 'NEGATIVE_COUNT');
      await expectRefused(db, () => committee.post(`/api/meetings/${meeting.id}/attendance`, { entries: [{ personId: village.committee.ids[0], status: 'present' }] }), 422, 'WRONG_ATTENDANCE_KIND');
      // 300 of 800 adults is not more than half; 200 of 300 households is two thirds.
      await ok(committee.post(`/api/meetings/${meeting.id}/attendance`, { present: 300, householdsRepresented: 200 }));
      await ok(committee.post(`/api/meetings/${meeting.id}/voting`, { mode: 'tally' }));
      await ok(committee.post(`/api/meetings/${meeting.id}/tally`, { for: 200, against: 60, abstain: 40 }));
      const closed = await ok<MeetingBody>(committee.post(`/api/meetings/${meeting.id}/close`, {}));
      expect(closed.passed).toBe(true);
      expect(closed.result?.rule.id).toBe('villagers-committees-law.art-22');
      expect(await caseState(committee, id)).toEqual({ resolutionPublished: 'running' });
    });
  });

  describe('bad input is refused with a code, and nothing is written', () => {
    let id: string;
    let meetingId: string;
    beforeAll(async () => {
      id = await openCase('proposing');
    });

    it('a meeting for a step the case is not in, and a convener without the role', async () => {
      await expectRefused(db, () => branch.post(`/api/cases/${id}/meetings`, { body: 'party_member_assembly', scheduledAt: nowIso(t), place: '会议室', motion: '方案' }), 422, 'MEETING_NOT_FOR_THIS_STEP');
      await expectRefused(db, () => committee.post(`/api/cases/${id}/meetings`, { body: 'party_organisation_meeting', scheduledAt: nowIso(t), place: '会议室', motion: '方案' }), 403, 'MEETING_FORBIDDEN');
      await expectRefused(db, () => org.people.outsider.caller.post(`/api/cases/${id}/meetings`, { body: 'party_organisation_meeting', scheduledAt: nowIso(t), place: '会议室', motion: '方案' }), 404, 'CASE_NOT_FOUND');
      await expectRefused(db, () => branch.post(`/api/cases/${id}/meetings`, { body: 'party_organisation_meeting', scheduledAt: nowIso(t), noticeGivenAt: '2099-01-01T00:00:00.000Z', place: '会议室', motion: '方案' }), 422, 'NOTICE_IN_FUTURE');
    });

    it('voting on a meeting not open, a non-member, someone absent or recused, twice', async () => {
      const meeting = await ok<MeetingBody>(branch.post(`/api/cases/${id}/meetings`, { body: 'party_organisation_meeting', scheduledAt: nowIso(t), place: '党员活动室', motion: '提议方案' }), 201);
      meetingId = meeting.id;
      const [a, b, c] = village.branch.ids as [string, string, string];
      await expectRefused(db, () => branch.post(`/api/meetings/${meetingId}/ballots`, { personId: a, choice: 'for' }), 422, 'MEETING_NOT_VOTING');
      await expectRefused(db, () => branch.post(`/api/meetings/${meetingId}/attendance`, { entries: [{ personId: a, status: 'present' }] }), 422, 'MEETING_NOT_OPEN');
      await ok(branch.post(`/api/meetings/${meetingId}/open`, {}));
      await expectRefused(db, () => branch.post(`/api/meetings/${meetingId}/open`, {}), 422, 'MEETING_NOT_CONVENED');
      await expectRefused(db, () => branch.post(`/api/meetings/${meetingId}/attendance`, { entries: [{ personId: village.partyMembers[0], status: 'present' }] }), 422, 'NOT_A_MEMBER');
      await expectRefused(db, () => branch.post(`/api/meetings/${meetingId}/attendance`, { entries: [{ personId: a, status: 'present' }, { personId: a, status: 'absent' }] }), 400, 'DUPLICATE_ENTRY');
      await expectRefused(db, () => branch.post(`/api/meetings/${meetingId}/attendance`, { present: 3 }), 422, 'WRONG_ATTENDANCE_KIND');
      await ok(branch.post(`/api/meetings/${meetingId}/attendance`, { entries: [{ personId: a, status: 'present', signed: true }, { personId: b, status: 'present' }, { personId: c, status: 'on_leave' }] }));
      await ok(branch.post(`/api/meetings/${meetingId}/recusals`, { personId: b, reason: '本人亲属在名单中' }));
      await expectRefused(db, () => branch.post(`/api/meetings/${meetingId}/recusals`, { personId: b, reason: '再次' }), 409, 'ALREADY_RECUSED');
      await expectRefused(db, () => branch.post(`/api/meetings/${meetingId}/ballots`, { personId: a, choice: 'for' }), 422, 'MEETING_NOT_VOTING');
      await expectRefused(db, () => branch.post(`/api/meetings/${meetingId}/voting`, { mode: 'bogus' }), 400, 'VALIDATION_FAILED');
      await ok(branch.post(`/api/meetings/${meetingId}/voting`, { mode: 'named' }));
      await expectRefused(db, () => branch.post(`/api/meetings/${meetingId}/attendance`, { entries: [{ personId: c, status: 'present' }] }), 422, 'MEETING_NOT_OPEN');
      await expectRefused(db, () => branch.post(`/api/meetings/${meetingId}/ballots`, { personId: village.partyMembers[0], choice: 'for' }), 422, 'NOT_A_MEMBER');
      await expectRefused(db, () => branch.post(`/api/meetings/${meetingId}/ballots`, { personId: b, choice: 'for' }), 422, 'VOTER_RECUSED');
      await expectRefused(db, () => branch.post(`/api/meetings/${meetingId}/ballots`, { personId: c, choice: 'for' }), 422, 'VOTER_NOT_PRESENT');
      await expectRefused(db, () => branch.post(`/api/meetings/${meetingId}/tally`, { for: 1, against: 0, abstain: 0 }), 422, 'WRONG_VOTING_MODE');
      await expectRefused(db, () => committee.post(`/api/meetings/${meetingId}/ballots`, { personId: a, choice: 'for' }), 403, 'MEETING_FORBIDDEN');
      await ok(branch.post(`/api/meetings/${meetingId}/ballots`, { personId: a, choice: 'for' }));
      await expectRefused(db, () => branch.post(`/api/meetings/${meetingId}/ballots`, { personId: a, choice: 'against' }), 409, 'ALREADY_VOTED');
      const closed = await ok<MeetingBody>(branch.post(`/api/meetings/${meetingId}/close`, {}));
      // 3 members, 1 recused: base 2; 1 counted present is not two thirds of 2.
      expect(closed).toMatchObject({ passed: false, figures: { expected: 3, present: 1, recused: 1 } });
      expect(closed.result?.rule.source).toBe('configuration');
    });

    it('a closed meeting is immutable; corrections are new audited records', async () => {
      const a = village.branch.ids[0] as string;
      await expectRefused(db, () => branch.post(`/api/meetings/${meetingId}/ballots`, { personId: a, choice: 'for' }), 422, 'MEETING_CLOSED');
      await expectRefused(db, () => branch.post(`/api/meetings/${meetingId}/attendance`, { entries: [{ personId: a, status: 'absent' }] }), 422, 'MEETING_CLOSED');
      await expectRefused(db, () => branch.post(`/api/meetings/${meetingId}/recusals`, { personId: a, reason: 'x' }), 422, 'MEETING_CLOSED');
      await expectRefused(db, () => branch.post(`/api/meetings/${meetingId}/voting`, { mode: 'tally' }), 422, 'MEETING_CLOSED');
      await expectRefused(db, () => branch.post(`/api/meetings/${meetingId}/close`, {}), 422, 'MEETING_CLOSED');
      await expectRefused(db, () => branch.post(`/api/meetings/${meetingId}/open`, {}), 422, 'MEETING_CLOSED');
      const before = (await ok<MeetingBody>(branch.get(`/api/meetings/${meetingId}`))).result;
      const corrected = await ok<MeetingBody & { corrections: { reason: string; globalSeq: number }[] }>(
        branch.post(`/api/meetings/${meetingId}/corrections`, { reason: '记录人笔误', correction: '地点应为村委会二楼会议室' }),
      );
      expect(corrected.corrections).toHaveLength(1);
      expect(corrected.result).toEqual(before);
      const audit = await ok<{ items: { eventType: string; payload: { meetingId?: string } }[] }>(branch.get(`/api/cases/${id}/audit?limit=500`));
      expect(audit.items.filter((e) => e.payload.meetingId === meetingId).map((e) => e.eventType)).toEqual([
        'meeting.convened',
        'meeting.opened',
        'meeting.attendance',
        'meeting.recusal',
        'meeting.votingStarted',
        'meeting.ballot',
        'meeting.closed',
        'meeting.correction',
      ]);
      expect((await ok<{ valid: boolean }>(org.people.supervisor.caller.get(`/api/cases/${id}/audit/verify`))).valid).toBe(true);
    });

    it('a tally larger than attendance and negative counts', async () => {
      const meeting = await ok<MeetingBody>(branch.post(`/api/cases/${id}/meetings`, { body: 'party_organisation_meeting', scheduledAt: nowIso(t), place: '党员活动室', motion: '提议方案' }), 201);
      await ok(branch.post(`/api/meetings/${meeting.id}/open`, {}));
      await ok(branch.post(`/api/meetings/${meeting.id}/attendance`, { entries: village.branch.ids.slice(0, 2).map((personId) => ({ personId, status: 'present' })) }));
      await ok(branch.post(`/api/meetings/${meeting.id}/voting`, { mode: 'tally' }));
      await expectRefused(db, () => branch.post(`/api/meetings/${meeting.id}/tally`, { for: 2, against: 1, abstain: 0 }), 422, 'TALLY_EXCEEDS_ATTENDANCE');
      await expectRefused(db, () => branch.post(`/api/meetings/${meeting.id}/tally`, { for: 3, against: -1, abstain: 0 }), 400, 'NEGATIVE_COUNT');
      await expectRefused(db, () => branch.post(`/api/meetings/${meeting.id}/ballots`, { personId: village.branch.ids[0], choice: 'for' }), 422, 'WRONG_VOTING_MODE');
      await ok(branch.post(`/api/meetings/${meeting.id}/tally`, { for: 2, against: 0, abstain: 0 }));
      expect((await ok<MeetingBody>(branch.post(`/api/meetings/${meeting.id}/close`, {}))).passed).toBe(true);
      expect(await caseState(branch, id)).toBe('discussing');
    });
  });

  describe('ballots', () => {
    it('concurrent ballots from the same member: exactly one is counted', async () => {
      const id = await openCase('discussing');
      const members = [...village.branch.ids, ...village.committee.ids];
      const meeting = await ok<MeetingBody>(branch.post(`/api/cases/${id}/meetings`, { body: 'two_committee_joint_meeting', scheduledAt: nowIso(t), place: '会议室', motion: '商议方案' }), 201);
      await ok(branch.post(`/api/meetings/${meeting.id}/open`, {}));
      await ok(branch.post(`/api/meetings/${meeting.id}/attendance`, { entries: members.map((personId) => ({ personId, status: 'present' })) }));
      await ok(branch.post(`/api/meetings/${meeting.id}/voting`, { mode: 'named' }));
      const voter = village.committee.callers[1] as Caller;
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => voter.post(`/api/meetings/${meeting.id}/ballots`, { choice: i % 2 === 0 ? 'for' : 'against' })),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status !== 200).every((r) => r.status === 409 && (r.body as { code: string }).code === 'ALREADY_VOTED')).toBe(true);
      const rows = await rawQuery(db, 'SELECT * FROM meeting_ballots WHERE meeting_id = $1', [meeting.id]);
      expect(rows).toHaveLength(1);
      const view = await ok<MeetingBody>(branch.get(`/api/meetings/${meeting.id}`));
      expect(view.figures.ballotsCast).toBe(1);
      const audit = await ok<{ items: { eventType: string }[] }>(branch.get(`/api/cases/${id}/audit?limit=500`));
      expect(audit.items.filter((e) => e.eventType === 'meeting.ballot')).toHaveLength(1);
    });

    it('secret ballots: the database holds who voted and the totals, and cannot tell which voter chose what', async () => {
      const id = await openCase('discussing');
      const voters = [...village.branch.callers, ...village.committee.callers];
      const voterIds = [...village.branch.ids.slice(0, 3), ...village.committee.ids.slice(0, 3)];
      const members = [...village.branch.ids, ...village.committee.ids];
      /** One secret meeting where voter i chooses choices[i]; fails (2 for of 6) so the case stays. */
      const secretMeeting = async (choices: ('for' | 'against' | 'abstain')[]) => {
        const meeting = await ok<MeetingBody>(branch.post(`/api/cases/${id}/meetings`, { body: 'two_committee_joint_meeting', scheduledAt: nowIso(t), place: '会议室', motion: '商议方案' }), 201);
        await ok(branch.post(`/api/meetings/${meeting.id}/open`, {}));
        await ok(branch.post(`/api/meetings/${meeting.id}/attendance`, { entries: members.map((personId) => ({ personId, status: 'present' })) }));
        await ok(branch.post(`/api/meetings/${meeting.id}/voting`, { mode: 'secret' }));
        await expectRefused(db, () => branch.post(`/api/meetings/${meeting.id}/ballots`, { personId: voterIds[1], choice: 'for' }), 403, 'SECRET_BALLOT_NOT_YOURS');
        for (const [i, choice] of choices.entries()) {
          const receipt = await ok<Record<string, unknown>>((voters[i] as Caller).post(`/api/meetings/${meeting.id}/ballots`, { choice }));
          expect(JSON.stringify(receipt)).not.toContain(choice);
          // While voting nobody sees running totals, only how many have voted.
          const view = await ok<MeetingBody>(branch.get(`/api/meetings/${meeting.id}`));
          expect(view.figures.votes).toBeNull();
          expect(view.figures.ballotsCast).toBe(i + 1);
        }
        await expectRefused(db, () => (voters[0] as Caller).post(`/api/meetings/${meeting.id}/ballots`, { choice: 'for' }), 409, 'ALREADY_VOTED');
        return ok<MeetingBody>(branch.post(`/api/meetings/${meeting.id}/close`, {}));
      };
      const first = await secretMeeting(['for', 'against', 'against', 'abstain', 'for', 'against']);
      const second = await secretMeeting(['against', 'for', 'against', 'abstain', 'against', 'for']);
      expect(first.figures.votes).toEqual({ for: 2, against: 3, abstain: 1 });
      expect(second.figures.votes).toEqual(first.figures.votes);
      expect(await caseState(branch, id)).toBe('discussing');

      // Everything the database holds about each meeting, with the meeting's own id, times,
      // sequence numbers and hashes blanked: two different assignments of choices to the same
      // voters leave exactly the same data, so no query can recover who chose what.
      const footprint = async (meetingId: string) => {
        const blank = (value: unknown) => JSON.stringify(value).replaceAll(meetingId, 'M').replace(/"\d{4}-\d\d-\d\dT[^"]*"/g, '"T"');
        const tables = ['meeting_members', 'meeting_ballots', 'meeting_secret_voters', 'meeting_secret_counts'];
        const rows: Record<string, string> = {};
        for (const table of tables) rows[table] = blank(await rawQuery(db, `SELECT * FROM ${table} WHERE meeting_id = $1 ORDER BY 1, 2`, [meetingId]));
        const entries = await rawQuery<Record<string, unknown>>(
          db,
          'SELECT actor_person_id, actor_role, kind, event_type, payload FROM audit_entries WHERE case_id = $1 AND payload LIKE $2 ORDER BY case_seq',
          [id, `%${meetingId}%`],
        );
        rows.audit = blank(entries);
        const [meetingRow] = await rawQuery<Record<string, unknown>>(db, 'SELECT * FROM meetings WHERE id = $1', [meetingId]);
        rows.meeting = blank({ ...meetingRow, version: null });
        return rows;
      };
      expect(await footprint(second.id)).toEqual(await footprint(first.id));
      // and the shape itself: the voters table has no choice, the counts table no voter, the trail no choice
      const voterColumns = Object.keys((await rawQuery<Record<string, unknown>>(db, 'SELECT * FROM meeting_secret_voters WHERE meeting_id = $1', [first.id]))[0] ?? {});
      expect(voterColumns.sort()).toEqual(['meeting_id', 'person_id']);
      const countColumns = Object.keys((await rawQuery<Record<string, unknown>>(db, 'SELECT * FROM meeting_secret_counts WHERE meeting_id = $1', [first.id]))[0] ?? {});
      expect(countColumns.sort()).toEqual(['abstain_count', 'against_count', 'for_count', 'meeting_id']);
      const secretEntries = await rawQuery<{ payload: string }>(db, "SELECT payload FROM audit_entries WHERE event_type = 'meeting.secretBallot'");
      expect(secretEntries.length).toBe(12);
      for (const entry of secretEntries) expect(Object.keys(JSON.parse(entry.payload) as object).sort()).toEqual(['meetingId', 'personId']);
      expect(voterIds.every((v) => first.members.find((m) => m.personId === v)?.voted === true)).toBe(true);
    });
  });

  describe('the record', () => {
    it('JSON and a printable page where every user string is escaped', async () => {
      const id = await openCase('proposing');
      const hostile = '<script>alert(1)</script>';
      const closed = await holdMeeting(t, branch, id, {
        body: 'party_organisation_meeting',
        present: village.branch.ids,
        vote: { mode: 'named', ballots: village.branch.ids.map((p) => [p, 'for'] as [string, 'for']) },
        convene: { motion: hostile, place: '"><img src=x onerror=alert(2)>' },
      });
      const record = await ok<Record<string, unknown>>(org.people.supervisor.caller.get(`/api/meetings/${closed.id}/record`));
      expect(record).toMatchObject({ motion: hostile, ratio: '3/3', unitName: 'liujia村', procedure: 'one-report-four-deliberations', passed: true });
      expect((record.auditEntries as number[]).length).toBeGreaterThanOrEqual(8);
      const page = await org.people.supervisor.caller.get(`/api/meetings/${closed.id}/record.html`).expect(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.text).not.toContain('<script>');
      expect(page.text).not.toContain('<img');
      expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page.text).toContain('会议记录');
      expect(page.text).toContain('应到');
      expect(page.text).toContain('通过');
      const list = await ok<{ items: { id: string }[] }>(branch.get(`/api/cases/${id}/meetings`));
      expect(list.items.map((m) => m.id)).toEqual([closed.id]);
      await expectRefused(db, () => org.people.outsider.caller.get(`/api/meetings/${closed.id}`), 404, 'MEETING_NOT_FOUND');
    });

    it("bodies: rules with their source, configuration, and the representative meeting's composition", async () => {
      const bodies = await ok<{ type: string; rule: { source: string; citation: { zh: string } }; rosterSize: number | null; composition: { warnings: unknown[] } | null }[]>(
        branch.get(`/api/units/${village.unit}/bodies`),
      );
      const byType = Object.fromEntries(bodies.map((b) => [b.type, b]));
      expect(byType.villager_representative_meeting).toMatchObject({ rosterSize: 30, rule: { source: 'statutory' } });
      expect(byType.villager_representative_meeting?.rule.citation.zh).toContain('第二十六条');
      expect(byType.party_organisation_meeting).toMatchObject({ rosterSize: 3, rule: { source: 'configuration' } });
      const configured = await ok<{ rule: { source: string; config: unknown } }>(
        branch.patch(`/api/units/${village.unit}/bodies/party_organisation_meeting`, { config: { quorum: { numerator: 1, denominator: 2, inclusive: true } } }),
      );
      expect(configured.rule).toMatchObject({ source: 'configuration', config: { quorum: { numerator: 1, denominator: 2, inclusive: true } } });
      await expectRefused(db, () => committee.patch(`/api/units/${village.unit}/bodies/party_member_assembly`, { noticeDays: 3 }), 403, 'MEETING_FORBIDDEN');
      await expectRefused(db, () => branch.patch(`/api/units/${village.unit}/bodies/party_member_assembly`, { config: { quorum: { numerator: 1, denominator: 3, inclusive: true } } }), 400, 'INVALID_BODY_SETTINGS');
      await expectRefused(db, () => branch.patch(`/api/units/${village.unit}/bodies/no_such_body`, { noticeDays: 3 }), 400, 'UNKNOWN_BODY');
      await expectRefused(db, () => committee.patch(`/api/units/${village.unit}/bodies/villagers_assembly`, { noticeDays: 5 }), 400, 'INVALID_BODY_SETTINGS');
      await expectRefused(db, () => branch.patch(`/api/units/${village.unit}/bodies/party_organisation_meeting`, { config: { quorum: { numerator: 3, denominator: 2, inclusive: true } } }), 400, 'INVALID_BODY_SETTINGS');
      const rep = await ok<{ composition: { warnings: { code: string }[]; women: number } }>(
        committee.patch(`/api/units/${village.unit}/bodies/villager_representative_meeting`, { womenRepresentatives: 9 }),
      );
      // 27 of 30 are representatives (≥ 24: fine); 9 women is under a third of 30.
      expect(rep.composition.warnings.map((w) => w.code)).toEqual(['women_below_one_third']);
    });
  });
});
