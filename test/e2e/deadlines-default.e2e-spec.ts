import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureDefinition, StateMeta } from '../../workflows/core/procedure.js';
import { getProcedure } from '../../workflows/registry.js';
import { DeadlinePoller } from '../../src/deadlines/deadline-poller.service.js';
import { Clock, ManualClock } from '../../src/timers/clock.js';
import { buildCaseOrg, type CaseOrg } from '../support/case-org.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * No shipped statechart declares a default limit (docs/deadlines.md). To check the default's path
 * through the writer's SQL on both databases, this file — its own process — gives five-step's
 * `topic` step `meta.deadline.defaultDays: 2` before anything reads the statechart.
 */
const topic = (getProcedure('five-step') as ProcedureDefinition).machine.root.states.topic as unknown as { meta: StateMeta };
const shipped = topic.meta;
topic.meta = { ...shipped, deadline: { defaultDays: 2 } };

interface StepBody {
  state: string;
  days: number | null;
  source: { kind: string; unitId: string | null };
  defaultDays: number | null;
}

describe('a statechart default limit applies where no unit sets one, and a unit overrides it', () => {
  let t: TestApp;
  let org: CaseOrg;
  let root: string;

  beforeAll(async () => {
    t = await startTestApp({ MINYI_MANUAL_CLOCK: '2026-08-01T00:00:00.000Z', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test' });
    org = await buildCaseOrg(t);
    root = await t.login('root.admin', 'root-password-for-tests');
  });
  afterAll(async () => {
    await t.close();
    // vitest re-evaluates modules per file; restore anyway so nothing later in this process sees it
    topic.meta = shipped;
  });

  const topicAt = async (unit: string) => {
    const body = (await org.root.get(`/api/units/${unit}/step-limits`).expect(200)).body as { procedures: { id: string; steps: StepBody[] }[] };
    return body.procedures.find((p) => p.id === 'five-step')?.steps.find((s) => s.state === 'topic');
  };
  const open = async (unitId: string) =>
    (await org.people.resident.caller.post('/api/cases', { procedure: 'five-step', unitId, title: '健身器材更新', description: '说明' }).expect(201)).body as {
      id: string;
      deadline: { limitDays: number; limitUnitId: string | null; dueAt: string } | null;
    };

  it('records the default, shows its source, and lets a unit override it', async () => {
    expect(await topicAt(org.units.feicuijun)).toMatchObject({ days: 2, source: { kind: 'procedure', unitId: null }, defaultDays: 2 });
    const first = await open(org.units.feicuijun);
    expect(first.deadline).toEqual(expect.objectContaining({ limitDays: 2, limitUnitId: null, dueAt: '2026-08-03T00:00:00.000Z' }));

    await t.http().put(`/api/units/${org.units.beitan}/step-limits/five-step/topic`).set('authorization', `Bearer ${root}`).send({ days: 5 }).expect(200);
    expect(await topicAt(org.units.feicuijun)).toMatchObject({ days: 5, source: { kind: 'ancestor', unitId: org.units.beitan } });
    const second = await open(org.units.feicuijun);
    expect(second.deadline).toEqual(expect.objectContaining({ limitDays: 5, limitUnitId: org.units.beitan, dueAt: '2026-08-06T00:00:00.000Z' }));
    // outside 北坦街道 the default still holds
    const village = (await org.people.branch.caller.post('/api/cases', { procedure: 'five-step', unitId: org.units.village, title: '村道硬化', description: '说明' }).expect(201)).body as {
      deadline: { limitDays: number; limitUnitId: string | null } | null;
    };
    expect(village.deadline).toEqual(expect.objectContaining({ limitDays: 2, limitUnitId: null }));

    t.app.get<Clock, ManualClock>(Clock).advance(2 * 24 * 60 * 60 * 1000);
    expect(await t.app.get(DeadlinePoller).runDue()).toBe(2); // the two on the default; not the one with 5 days
    const audit = (await org.people.supervisor.caller.get(`/api/cases/${first.id}/audit`).expect(200)).body as { items: { eventType: string; payload: Record<string, unknown> }[] };
    expect(audit.items.find((e) => e.eventType === 'deadline.reached')?.payload).toMatchObject({ state: 'topic', limitDays: 2, limitUnitId: null });
  });
});
