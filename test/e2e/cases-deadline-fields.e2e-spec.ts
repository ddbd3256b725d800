import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueAtOf } from '../../workflows/core/step-limits.js';
import { Clock, ManualClock } from '../../src/timers/clock.js';
import { buildCaseOrg, type CaseOrg } from '../support/case-org.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface CaseBody {
  id: string;
  overdue: boolean;
  deadline: { state: string; limitDays: number; dueAt: string; overdue: boolean; daysOverdue: number } | null;
}

/**
 * The `overdue`/`deadline` fields on every answer of the cases routes — opening a case, one case,
 * a page of cases, an event's answer, and an Idempotency-Key replay (which shows them as they stand
 * at the replay, not as stored) — read by the cases service itself (docs/deadlines.md).
 */
describe('cases answer with their deadline fields', () => {
  let t: TestApp;
  let org: CaseOrg;
  let clock: ManualClock;

  beforeAll(async () => {
    t = await startTestApp({ MINYI_MANUAL_CLOCK: '2026-04-01T00:00:00.000Z', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test' });
    clock = t.app.get<Clock, ManualClock>(Clock);
    org = await buildCaseOrg(t);
    // five-step: 2 days to accept a topic, 5 days of research, at 翡翠郡社区
    await org.root.put(`/api/units/${org.units.feicuijun}/step-limits/five-step/topic`, { days: 2 }).expect(200);
    await org.root.put(`/api/units/${org.units.feicuijun}/step-limits/five-step/research`, { days: 5 }).expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('on opening, reading, listing, sending an event, and replaying it', async () => {
    const openedAt = clock.nowIso();
    const opened = (await org.people.resident.caller.post('/api/cases', { procedure: 'five-step', unitId: org.units.feicuijun, title: '加装电梯', description: '说明' }).expect(201))
      .body as CaseBody;
    expect(opened).toMatchObject({ overdue: false, deadline: { state: 'topic', limitDays: 2, dueAt: dueAtOf(openedAt, 2), overdue: false } });
    const other = (await org.people.resident.caller.post('/api/cases', { procedure: 'five-step', unitId: org.units.feicuijun, title: '停车', description: '说明' }).expect(201))
      .body as CaseBody;

    // three days on: the topic step is overdue for both
    clock.set(new Date(Date.parse(openedAt) + 3 * 24 * 3600 * 1000));
    expect((await org.people.clerk.caller.get(`/api/cases/${opened.id}`).expect(200)).body).toMatchObject({ overdue: true, deadline: { state: 'topic', overdue: true, daysOverdue: 1 } });
    const page = (await org.people.clerk.caller.get('/api/cases').expect(200)).body as { items: CaseBody[] };
    for (const id of [opened.id, other.id]) expect(page.items.find((c) => c.id === id)).toMatchObject({ overdue: true, deadline: { state: 'topic', limitDays: 2 } });

    // the event's answer: the new step's deadline, as the event left it
    const acceptedAt = clock.nowIso();
    const accept = () => org.people.clerk.caller.post(`/api/cases/${opened.id}/events`, { type: 'topic.accept' }).set('idempotency-key', 'deadline-fields-1');
    const first = (await accept().expect(200)).body as { case: CaseBody };
    const research = { state: 'research', limitDays: 5, dueAt: dueAtOf(acceptedAt, 5) };
    expect(first.case).toMatchObject({ overdue: false, deadline: { ...research, overdue: false } });
    // the other case's answer still shows its own (overdue) topic deadline
    expect(((await org.people.clerk.caller.get('/api/cases').expect(200)).body as { items: CaseBody[] }).items.find((c) => c.id === other.id)).toMatchObject({
      overdue: true,
      deadline: { state: 'topic' },
    });

    // replayed six days later: the same answer, with the deadline fields as they stand now
    clock.set(new Date(Date.parse(acceptedAt) + 6 * 24 * 3600 * 1000));
    const replay = (await accept().expect(200)).body as { case: CaseBody };
    expect(replay.case).toMatchObject({ overdue: true, deadline: { ...research, overdue: true, daysOverdue: 1 } });
    expect({ ...replay.case, overdue: first.case.overdue, deadline: first.case.deadline }).toEqual(first.case);
  });
});
