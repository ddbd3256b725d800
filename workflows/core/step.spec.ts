import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { PROCEDURE_VERSIONS, getProcedure } from '../registry.js';
import { sampleEvents, sampleInput } from '../testing/sample-events.js';
import type { ProcedureDefinition } from './procedure.js';
import { DAY_MS } from './procedure.js';
import { acceptedEventTypes, persistSnapshot, pureInitialTransition, pureTransition, restoreSnapshot, startCase, stepCase, timerEffectsOf, type CaseEvent } from './step.js';

const fiveStep = getProcedure('five-step') as ProcedureDefinition;
const input = { config: { noticePeriodDays: 5 }, unitKind: 'community' };

const run = (events: CaseEvent[]) => {
  let snapshot = startCase(fiveStep.machine, input).snapshot;
  for (const event of events) {
    const result = stepCase(fiveStep.machine, snapshot, event);
    if (result.kind !== 'accepted') throw new Error(`${event.type} was ${result.kind}`);
    snapshot = result.snapshot;
  }
  return snapshot;
};
const passed = { type: 'meeting.closed', payload: { meetingId: 'm1', body: 'resident_council', quorumMet: true, passed: true, ruleId: 'r' } };
const toStudy = [
  { type: 'topic.accept', payload: {} },
  { type: 'research.addFinding', payload: { summary: '走访120户老人' } },
  { type: 'research.complete', payload: {} },
  passed,
];

describe(stepCase.name, () => {
  it('refuses an event the current state does not accept, listing what it does accept', () => {
    const sut = stepCase(fiveStep.machine, run([]), { type: 'study.approve', payload: { opinion: '同意' } });
    expect(sut).toEqual({ kind: 'not-accepted', accepted: ['topic.accept', 'topic.reject', 'case.withdraw'] });
  });

  it('names the guard that refused an event, with a reason in zh-CN and en', () => {
    const sut = stepCase(fiveStep.machine, run([{ type: 'topic.accept', payload: {} }]), { type: 'research.complete', payload: {} });
    expect(sut.kind).toBe('guard-rejected');
    if (sut.kind === 'guard-rejected') {
      expect(sut.guard).toBe('hasFindings');
      expect(sut.reason.zh).toContain('调研发现');
      expect(sut.reason.en).toContain('finding');
    }
  });

  it('refuses a meeting result from a body the step does not use', () => {
    const atConsultation = run(toStudy.slice(0, 3));
    const sut = stepCase(fiveStep.machine, atConsultation, { ...passed, payload: { ...passed.payload, body: 'party_member_assembly' } });
    expect(sut).toMatchObject({ kind: 'guard-rejected', guard: 'meetingOfStep' });
  });

  it('never adopts a motion "passed" without a quorum: a vote without a quorum decides nothing', () => {
    const atConsultation = run(toStudy.slice(0, 3));
    const sut = stepCase(fiveStep.machine, atConsultation, { ...passed, payload: { ...passed.payload, quorumMet: false } });
    expect(sut.kind === 'accepted' && sut.snapshot.value).toBe('research');
  });

  it('schedules the notice period as a durable timer when the notice starts, from the case configuration', () => {
    const sut = stepCase(fiveStep.machine, run(toStudy), { type: 'study.approve', payload: { opinion: '同意' } });
    expect(sut.kind).toBe('accepted');
    if (sut.kind === 'accepted') {
      expect(sut.timers.schedule).toEqual([{ id: 'noticePeriod', event: { type: 'notice.periodEnded', payload: {} }, delayMs: 5 * DAY_MS }]);
      expect(sut.timers.cancel).toEqual([]);
    }
  });

  it('cancels the notice timer when an upheld objection withdraws the notice', () => {
    const noticed = run([...toStudy, { type: 'study.approve', payload: { opinion: '同意' } }, { type: 'objection.filed', payload: { objectionId: 'o1' } }]);
    const sut = stepCase(fiveStep.machine, noticed, { type: 'objection.uphold', payload: { objectionId: 'o1', reason: '收费标准未公开' } });
    expect(sut).toMatchObject({ kind: 'accepted', timers: { schedule: [], cancel: ['noticePeriod'] } });
    if (sut.kind === 'accepted') expect(sut.snapshot.value).toBe('consultation');
  });

  it('waits for unanswered objections when the period ends, then adopts once they are dismissed', () => {
    const noticed = run([...toStudy, { type: 'study.approve', payload: { opinion: '同意' } }, { type: 'objection.filed', payload: { objectionId: 'o1' } }]);
    const afterPeriod = stepCase(fiveStep.machine, noticed, { type: 'notice.periodEnded', payload: {} });
    expect(afterPeriod.kind).toBe('accepted');
    if (afterPeriod.kind !== 'accepted') return;
    expect(afterPeriod.snapshot.value).toEqual({ publicNotice: 'awaitingAnswers' });
    const dismissed = stepCase(fiveStep.machine, afterPeriod.snapshot, { type: 'objection.dismiss', payload: { objectionId: 'o1', reason: '收费按物价标准' } });
    expect(dismissed.kind === 'accepted' && dismissed.snapshot.value).toBe('implementation');
  });

  it('refuses to answer an objection twice', () => {
    const noticed = run([...toStudy, { type: 'study.approve', payload: { opinion: '同意' } }, { type: 'objection.filed', payload: { objectionId: 'o1' } }]);
    const once = stepCase(fiveStep.machine, noticed, { type: 'objection.dismiss', payload: { objectionId: 'o1', reason: '理由' } });
    if (once.kind !== 'accepted') throw new Error('first answer refused');
    expect(stepCase(fiveStep.machine, once.snapshot, { type: 'objection.dismiss', payload: { objectionId: 'o1', reason: '理由' } })).toMatchObject({
      kind: 'guard-rejected',
      guard: 'isPendingObjection',
    });
  });
});

describe(timerEffectsOf.name, () => {
  const raise = (id: string, delay: number) => ({ type: 'xstate.raise', params: { id, delay, event: { type: 'tick' } } });
  const cancel = (id: string) => ({ type: 'xstate.cancel', params: { sendId: id } });

  it('keeps a timer cancelled then scheduled again in one step (a state re-entered)', () => {
    expect(timerEffectsOf([cancel('t'), raise('t', 10)])).toEqual({ schedule: [{ id: 't', event: { type: 'tick' }, delayMs: 10 }], cancel: ['t'] });
  });

  it('drops a timer scheduled then cancelled in one step', () => {
    expect(timerEffectsOf([raise('t', 10), cancel('t')])).toEqual({ schedule: [], cancel: ['t'] });
  });

  it('ignores a raise without delay and other actions', () => {
    expect(timerEffectsOf([{ type: 'xstate.raise', params: { event: { type: 'now' } } }, { type: 'recordReason' }])).toEqual({ schedule: [], cancel: [] });
  });
});

describe(acceptedEventTypes.name, () => {
  it('lists nothing for a finished case', () => {
    const done = run([{ type: 'topic.reject', payload: { reason: '不属于议事范围' } }]);
    expect(done.status).toBe('done');
    expect(acceptedEventTypes(done)).toEqual([]);
  });
});

describe(restoreSnapshot.name, () => {
  it('restores a case that continues exactly as the live one would', () => {
    const live = run(toStudy);
    const restored = restoreSnapshot(fiveStep.machine, JSON.parse(JSON.stringify(persistSnapshot(fiveStep.machine, live))));
    const event = { type: 'study.return', payload: { reason: '需补充费用测算' } };
    const a = stepCase(fiveStep.machine, live, event);
    const b = stepCase(fiveStep.machine, restored, event);
    expect(a.kind === 'accepted' && persistSnapshot(fiveStep.machine, a.snapshot)).toEqual(b.kind === 'accepted' && persistSnapshot(fiveStep.machine, b.snapshot));
  });
});

/**
 * The engine steps on one reused scope per machine instead of XState's `transition()` (a fresh
 * inert actor per call): along random walks through every procedure, with every sample event and
 * an unknown one tried at every step, both must give the same next snapshot, the same "did not
 * move" answer and the same actions (timers scheduled and cancelled); the start likewise.
 */
describe(pureTransition.name, () => {
  it.each(PROCEDURE_VERSIONS.map((d) => [`${d.id} v${d.version}`, d] as const))('steps like XState transition() along random walks of %s', (_, definition) => {
    const machine = definition.machine;
    const actionsOf = (actions: readonly { type: string; params?: unknown }[]) => JSON.parse(JSON.stringify(actions.map((a) => ({ type: a.type, params: a.params })))) as unknown;
    let compared = 0;
    let unmoved = 0;
    let withActions = 0;
    for (const unitKind of definition.appliesTo.unitKinds) {
      const input = sampleInput(definition, unitKind);
      const [ourStart, ourStartActions] = pureInitialTransition(machine, input);
      const [theirStart, theirStartActions] = initialTransition(machine, input);
      expect(persistSnapshot(machine, ourStart)).toEqual(persistSnapshot(machine, theirStart));
      expect(actionsOf(ourStartActions)).toEqual(actionsOf(theirStartActions));
      fc.assert(
        fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (choices) => {
          let snapshot = pureInitialTransition(machine, input)[0];
          for (const choice of choices) {
            if (snapshot.status !== 'active') break;
            const moved: AnyMachineSnapshot[] = [];
            for (const event of [...sampleEvents(definition, snapshot), { type: 'no.such.event', payload: {} }]) {
              const [ours, ourActions] = pureTransition(machine, snapshot, event);
              const [theirs, theirActions] = transition(machine, snapshot, event);
              compared += 1;
              expect(ours === snapshot).toBe(theirs === snapshot);
              expect(persistSnapshot(machine, ours)).toEqual(persistSnapshot(machine, theirs));
              expect(actionsOf(ourActions)).toEqual(actionsOf(theirActions));
              if (ours === snapshot) unmoved += 1;
              else moved.push(ours);
              if (ourActions.length > 0) withActions += 1;
            }
            // mostly forward, so that walks reach the notice periods and their timers
            const forward = moved.filter((m) => m.status === 'active' && JSON.stringify(m.value) !== JSON.stringify(snapshot.value));
            const pool = choice % 4 === 0 || forward.length === 0 ? moved : forward;
            const next = pool[choice % Math.max(1, pool.length)];
            if (next === undefined) break;
            snapshot = next;
          }
        }),
        // a fixed seed: the same walks every run
        { numRuns: 40, seed: 20261127 },
      );
    }
    // the walks exercised refusals and steps with actions
    expect(compared).toBeGreaterThan(100);
    expect(unmoved).toBeGreaterThan(0);
    expect(withActions).toBeGreaterThan(0);
  });
});
