import { createMachine, type AnyStateMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { ProcedureDefinition } from '../core/procedure.js';
import { getProcedure } from '../registry.js';
import { exploreProcedure, lawViolations } from './procedure-law.js';

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
