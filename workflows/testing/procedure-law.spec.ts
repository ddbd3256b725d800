import { createMachine, type AnyStateMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { ProcedureDefinition } from '../core/procedure.js';
import { getProcedure } from '../registry.js';
import { startCase, stepCase } from '../core/step.js';
import { PROCEDURE_VERSIONS } from '../registry.js';
import { exploreProcedure, lawEndStates, lawViolations, trailViolations, type TrailStep } from './procedure-law.js';
import type { CaseEvent } from './sample-events.js';

/**
 * The graph tests are only worth something if they can fail: each mutant below breaks one rule
 * of the law in a copy of a real statechart, and the law check must name the break.
 */

type StatesConfig = Record<string, Record<string, unknown>>;

const mutate = (definition: ProcedureDefinition, change: (states: StatesConfig) => StatesConfig): ProcedureDefinition => {
  const config = definition.machine.config as { states: StatesConfig };
  const machine: AnyStateMachine = createMachine(
    { ...definition.machine.config, states: change(structuredClone(config.states)) } as never,
    definition.machine.implementations as never,
  );
  return { ...definition, machine };
};

const violationsOf = (definition: ProcedureDefinition) => {
  const { paths, initial } = exploreProcedure(definition);
  return lawViolations(definition, paths, initial);
};

describe(lawViolations.name, () => {
  it('finds nothing wrong with the released machines', () => {
    const sut = getProcedure('one-report-four-deliberations') as ProcedureDefinition;
    expect(violationsOf(sut)).toEqual([]);
  });

  it('catches a village machine that lets the township approval skip the deliberations', () => {
    const sut = mutate(getProcedure('one-report-four-deliberations') as ProcedureDefinition, (states) => {
      (states.reported as { on: Record<string, unknown> }).on['report.approve'] = 'resolving';
      return states;
    });
    const found = violationsOf(sut);
    expect(found.some((v) => v.startsWith('reported --report.approve') && v.endsWith('--> resolving'))).toBe(true);
  });

  it('catches a village machine that closes without publishing the implementation result', () => {
    const sut = mutate(getProcedure('one-report-four-deliberations') as ProcedureDefinition, (states) => {
      (states.implementing as { on: Record<string, unknown> }).on['implementation.report'] = 'closed';
      return states;
    });
    expect(violationsOf(sut).some((v) => v.includes('--> closed') || v.startsWith('closed entered before'))).toBe(true);
  });

  it('catches a five-step machine that adopts a motion the meeting did not pass', () => {
    const sut = mutate(getProcedure('five-step') as ProcedureDefinition, (states) => {
      (states.consultation as { on: Record<string, unknown> }).on['meeting.closed'] = { target: 'study', actions: 'recordMeeting' };
      return states;
    });
    expect(violationsOf(sut).some((v) => v.startsWith('consultation --meeting.closed') && v.includes('"passed":false') && v.endsWith('--> study'))).toBe(
      true,
    );
  });
});

/** Steps a case through the real statechart and records each accepted event as a trail would. */
const trailOf = (definition: ProcedureDefinition, input: { config: Record<string, unknown>; unitKind: string }, events: readonly CaseEvent[]): TrailStep[] => {
  let snapshot = startCase(definition.machine, input).snapshot;
  return events.map((event) => {
    const result = stepCase(definition.machine, snapshot, event);
    if (result.kind !== 'accepted') throw new Error(`${event.type}: ${result.kind}`);
    const step: TrailStep = { stateBefore: snapshot.value as unknown, event, stateAfter: result.snapshot.value as unknown };
    snapshot = result.snapshot;
    return step;
  });
};

const meeting = (body: string, passed: boolean) => ({
  type: 'meeting.closed',
  payload: { meetingId: `m-${body}`, body, quorumMet: true, passed, ruleId: `${body}.rule` },
});

describe(trailViolations.name, () => {
  const fiveStep = getProcedure('five-step') as ProcedureDefinition;
  const fiveStepInput = { config: { ...fiveStep.defaults }, unitKind: 'community' };
  const scenarioOne: CaseEvent[] = [
    { type: 'topic.accept', payload: {} },
    { type: 'research.addFinding', payload: { summary: '走访120户' } },
    { type: 'research.complete', payload: {} },
    meeting('resident_council', true),
    { type: 'study.approve', payload: { opinion: '同意' } },
    { type: 'objection.filed', payload: { objectionId: 'o-1' } },
    { type: 'objection.dismiss', payload: { objectionId: 'o-1', reason: '不成立' } },
    { type: 'notice.periodEnded', payload: {} },
    { type: 'implementation.report', payload: { summary: '合同已签订' } },
  ];
  const step = (stateBefore: unknown, type: string, stateAfter: unknown, payload: Record<string, unknown> = {}): TrailStep => ({
    stateBefore,
    event: { type, payload },
    stateAfter,
  });

  it('finds nothing wrong with a case the statechart carried to its end', () => {
    const trail = trailOf(fiveStep, fiveStepInput, scenarioOne);
    expect(trail.at(-1)?.stateAfter).toBe('completed');
    expect(trailViolations(fiveStep, fiveStepInput, trail)).toEqual([]);
    expect(trailViolations(fiveStep, fiveStepInput, [])).toEqual([]);
  });

  it('names a move the law has no entry for', () => {
    expect(trailViolations(fiveStep, fiveStepInput, [step('topic', 'topic.accept', 'study')])).toContain('step 1: topic --topic.accept {}--> study');
  });

  it("checks an entry's condition against the case as it was: no findings, no consultation", () => {
    const found = trailViolations(fiveStep, fiveStepInput, [step('topic', 'topic.accept', 'research'), step('research', 'research.complete', 'consultation')]);
    expect(found).toContain('step 2: research --research.complete {}--> consultation');
    expect(found).toContain('step 2: the statechart does not accept research.complete there (guard-rejected)');
  });

  it('catches a failed meeting that moves the case on', () => {
    const trail = trailOf(fiveStep, fiveStepInput, scenarioOne.slice(0, 3));
    const failed = meeting('resident_council', false);
    const found = trailViolations(fiveStep, fiveStepInput, [...trail, step('consultation', failed.type, 'study', failed.payload)]);
    expect(found.some((v) => v.startsWith('step 4: consultation --meeting.closed') && v.includes('"passed":false') && v.endsWith('--> study'))).toBe(true);
  });

  it('catches a step out of order even when each move has an entry', () => {
    // publicNotice is entered from study, but this case never went through consultation
    const found = trailViolations(fiveStep, fiveStepInput, [step('topic', 'topic.accept', 'research'), step('study', 'study.approve', { publicNotice: 'running' })]);
    expect(found).toContain('step 2 (study.approve) is recorded in study, but the case was in research');
    expect(found).toContain('step 2: publicNotice entered before topic → research → consultation → study: topic → research');
  });

  it('catches an event accepted after the case ended, naming the audit entry when given', () => {
    const trail = trailOf(fiveStep, fiveStepInput, [{ type: 'topic.reject', payload: { reason: '不属于议事范围' } }]);
    const found = trailViolations(fiveStep, fiveStepInput, [...trail, step('rejected', 'topic.accept', 'research')]);
    expect(found).toContain('step 2: topic.accept accepted after the case ended in rejected');
    const late = { ...step('rejected', 'objection.filed', 'rejected', { objectionId: 'o-1' }), caseSeq: 7 };
    expect(trailViolations(fiveStep, fiveStepInput, [...trail, late])).toContain('entry 7: objection.filed accepted after the case ended in rejected');
  });

  it("reads the case's configuration: a satisfaction rate closes a four-plus-five case only at or above its threshold", () => {
    const fourPlusFive = getProcedure('four-plus-five') as ProcedureDefinition;
    const at = (evaluationThresholdPercent: number) => ({ config: { ...fourPlusFive.defaults, evaluationThresholdPercent }, unitKind: 'community' });
    const trail = trailOf(fourPlusFive, at(60), [
      { type: 'opinion.record', payload: { text: '停车难' } },
      { type: 'collection.complete', payload: {} },
      meeting('resident_council', true),
      { type: 'review.approve', payload: {} },
      { type: 'implementation.report', payload: { summary: '划线' } },
      { type: 'evaluation.submit', payload: { satisfactionPercent: 70, respondents: 120 } },
    ]);
    expect(trail.at(-1)?.stateAfter).toBe('closed');
    expect(trailViolations(fourPlusFive, at(60), trail)).toEqual([]);
    expect(trailViolations(fourPlusFive, at(80), trail).some((v) => v.startsWith('step 6: evaluation --evaluation.submit') && v.endsWith('--> closed'))).toBe(true);
  });
});

describe(lawEndStates.name, () => {
  it.each(PROCEDURE_VERSIONS.map((d) => [d.id, d] as const))("names exactly the final states of %s's statechart", (_id, definition) => {
    const states = (definition.machine.config as { states: Record<string, { type?: string }> }).states;
    const finals = Object.entries(states)
      .filter(([, state]) => state.type === 'final')
      .map(([name]) => name);
    expect(lawEndStates(definition.id).sort()).toEqual(finals.sort());
  });
});
