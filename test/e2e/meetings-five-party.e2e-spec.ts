import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIVE_PARTY_NAMES } from '../../workflows/rules/body-types.js';
import { as, createPerson, type Caller } from '../support/api.js';
import { buildCaseOrg, type CaseOrg } from '../support/case-org.js';
import { caseState, expectRefused, nowIso, ok, sendEvent, type MeetingBody } from '../support/meeting-org.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Scenario 4 (shared/scenarios.md): an elevator for an old gated estate under 五位一体, with the
 * joint meeting held through the meetings API — attendance taken by the parties represented, one
 * voice per party, a tally. First the owners' committee is absent and the meeting cannot decide;
 * then all five are there and decide. Along the way, what a clerk could get wrong is refused and
 * writes nothing.
 */
describe('scenario 4 through meetings: five-party joint meeting, attendance by parties', () => {
  let t: TestApp;
  let org: CaseOrg;
  let db: DataSource;
  let secretary: Caller;
  let committee: Caller;
  let owner: Caller;

  beforeAll(async () => {
    t = await startTestApp({ MINYI_MANUAL_CLOCK: 'true', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test' });
    org = await buildCaseOrg(t);
    db = t.app.get(DataSource);
    const person = async (username: string, role: string) => {
      await createPerson(org.root, { username, unitId: org.units.gated, role });
      return as(t.http, await t.login(username, 'password-1234'));
    };
    secretary = await person('gated.secretary', 'community_party_secretary');
    committee = await person('gated.committee', 'residents_committee');
    owner = await person('owner.chen', 'resident');
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const convene = async (caseId: string): Promise<MeetingBody> => {
    const meeting = await ok(secretary.post(`/api/cases/${caseId}/meetings`, { body: 'five_party_joint_meeting', scheduledAt: nowIso(t), place: '社区议事厅', motion: '加装电梯费用按楼层分摊' }), 201);
    await ok(secretary.post(`/api/meetings/${meeting.id}/open`, { chair: '孙书记', recorder: '周委员' }));
    return meeting;
  };

  it('the owners’ committee absent: no decision, the case waits; all five present: two for is not enough, three for decides', async () => {
    const { id } = await ok<{ id: string }>(owner.post('/api/cases', { procedure: 'five-party-joint', unitId: org.units.gated, title: '老楼加装电梯', description: '六层住宅，业主申请加装电梯' }), 201);
    // no meeting before the issue is accepted
    await expectRefused(db, () => secretary.post(`/api/cases/${id}/meetings`, { body: 'five_party_joint_meeting', scheduledAt: nowIso(t), place: '社区议事厅', motion: '提议' }), 422, 'MEETING_NOT_FOR_THIS_STEP');
    await sendEvent(secretary, id, 'issue.accept');
    // only the community party organisation convenes the five parties
    expect((await committee.post(`/api/cases/${id}/meetings`, { body: 'five_party_joint_meeting', scheduledAt: nowIso(t), place: '社区议事厅', motion: '提议' })).status).toBe(403);

    // first meeting: four parties, the owners' committee absent
    const first = await convene(id);
    expect(first.figures.expected).toBe(5);
    // attendance is by parties: a roll call of persons or a head count is refused, so is a party twice or an unknown party
    await expectRefused(db, () => secretary.post(`/api/meetings/${first.id}/attendance`, { present: 4 }), 422, 'WRONG_ATTENDANCE_KIND');
    await expectRefused(db, () => secretary.post(`/api/meetings/${first.id}/attendance`, { parties: ['property_company', 'property_company'] }), 400, 'DUPLICATE_ENTRY');
    await expectRefused(db, () => secretary.post(`/api/meetings/${first.id}/attendance`, { parties: ['street_vendors'] }), 400, 'VALIDATION_FAILED');
    const four = FIVE_PARTY_NAMES.filter((p) => p !== 'owners_committee');
    await ok(secretary.post(`/api/meetings/${first.id}/attendance`, { parties: four }));
    // one voice per party: only a tally, and never more votes than parties present
    await expectRefused(db, () => secretary.post(`/api/meetings/${first.id}/voting`, { mode: 'named' }), 422, 'WRONG_VOTING_MODE');
    await ok(secretary.post(`/api/meetings/${first.id}/voting`, { mode: 'tally' }));
    await expectRefused(db, () => secretary.post(`/api/meetings/${first.id}/tally`, { for: 5, against: 0, abstain: 0 }), 422, 'TALLY_EXCEEDS_ATTENDANCE');
    await ok(secretary.post(`/api/meetings/${first.id}/tally`, { for: 4, against: 0, abstain: 0 }));
    const undecided = await ok(secretary.post(`/api/meetings/${first.id}/close`, {}));
    expect(undecided).toMatchObject({ passed: false, figures: { expected: 5, present: 4 } });
    expect(undecided.result?.quorum.met).toBe(false);
    expect(await caseState(secretary, id)).toBe('jointMeeting');
    const firstRecord = await ok<{ ratio: string; figures: { partiesRepresented: string[] } }>(secretary.get(`/api/meetings/${first.id}/record`));
    expect(firstRecord.ratio).toBe('4/5');
    expect([...firstRecord.figures.partiesRepresented].sort()).toEqual([...four].sort());
    // the printed record names the party that was absent
    const page = await secretary.get(`/api/meetings/${first.id}/record.html`).expect(200);
    expect(page.text).toContain('<tr><th>未到会 Parties absent</th><td>业主委员会<br>');

    // second meeting: all five parties, two for — not more than half of the five represented (the default rule)
    const second = await convene(id);
    await ok(secretary.post(`/api/meetings/${second.id}/attendance`, { parties: [...FIVE_PARTY_NAMES] }));
    await ok(secretary.post(`/api/meetings/${second.id}/voting`, { mode: 'tally' }));
    await ok(secretary.post(`/api/meetings/${second.id}/tally`, { for: 2, against: 2, abstain: 1 }));
    const split = await ok(secretary.post(`/api/meetings/${second.id}/close`, {}));
    expect(split).toMatchObject({ passed: false, figures: { expected: 5, present: 5, votes: { for: 2, against: 2, abstain: 1 } } });
    expect(split.result?.quorum.met).toBe(true);
    expect(await caseState(secretary, id)).toBe('jointMeeting');

    // third meeting: three of the five for cost sharing by floor — the smallest majority decides
    const third = await convene(id);
    await ok(secretary.post(`/api/meetings/${third.id}/attendance`, { parties: [...FIVE_PARTY_NAMES].reverse() }));
    await ok(secretary.post(`/api/meetings/${third.id}/voting`, { mode: 'tally' }));
    await ok(secretary.post(`/api/meetings/${third.id}/tally`, { for: 3, against: 1, abstain: 1 }));
    const decided = await ok(secretary.post(`/api/meetings/${third.id}/close`, {}));
    expect(decided).toMatchObject({ passed: true, figures: { expected: 5, present: 5, votes: { for: 3, against: 1, abstain: 1 } } });
    expect(await caseState(secretary, id)).toBe('decided');

    // implementation by the property company, feedback to owners, closed
    await sendEvent(secretary, id, 'implementation.assign', { responsibleParty: 'property_company', task: '按楼层分摊费用，组织施工' });
    await sendEvent(committee, id, 'implementation.report', { summary: '电梯已安装并验收' });
    await sendEvent(committee, id, 'feedback.report', { summary: '已在楼栋公告栏公布', channel: 'notice_board' });
    expect(await ok(owner.get(`/api/cases/${id}`))).toMatchObject({ status: 'closed', outcome: 'completed' });

    // the supervisor sees each meeting's parties and figures in the trail, and the trail verifies
    const supervisor = org.people.supervisor.caller;
    expect(await ok(supervisor.get(`/api/cases/${id}/audit/verify`))).toMatchObject({ valid: true, replayMatches: true });
    const audit = await ok<{ items: { eventType: string; payload: Record<string, unknown> }[] }>(supervisor.get(`/api/cases/${id}/audit?limit=500`));
    const attendance = audit.items.filter((e) => e.eventType === 'meeting.attendance').map((e) => [...(e.payload.parties as string[])].sort());
    expect(attendance).toEqual([[...four].sort(), [...FIVE_PARTY_NAMES].sort(), [...FIVE_PARTY_NAMES].sort()]);
    const closed = audit.items.filter((e) => e.eventType === 'meeting.closed').map((e) => [e.payload.quorumMet, e.payload.passed]);
    expect(closed).toEqual([
      [false, false],
      [true, false],
      [true, true],
    ]);
  });
});
