import { describe, expect, it } from 'vitest';
import { getProcedure } from '../registry.js';
import { person, SYSTEM_ACTOR } from '../testing/case-driver.js';
import { allowedEventsFor, decideEvent } from './decide-event.js';
import type { ProcedureDefinition } from './procedure.js';
import { startCase } from './step.js';

const definition = getProcedure('five-step') as ProcedureDefinition;
const kase = { submitterId: 'resident', unitPath: [{ id: 'd', kind: 'district' as const }, { id: 'c', kind: 'community' as const }] };
const initial = startCase(definition.machine, { config: definition.defaults, unitKind: 'community' }).snapshot;
const clerk = person('clerk', ['council_clerk', 'c']);

describe(decideEvent.name, () => {
  it('refuses an event the procedure does not declare', () => {
    expect(decideEvent({ definition, snapshot: initial, event: { type: 'vote.pass' }, actor: clerk, kase })).toEqual({ kind: 'unknown-event', type: 'vote.pass' });
    expect(decideEvent({ definition, snapshot: initial, event: { type: 'toString' }, actor: clerk, kase })).toEqual({ kind: 'unknown-event', type: 'toString' });
  });

  it('checks permission before the payload, so a stranger learns nothing about the fields', () => {
    const stranger = person('x', ['council_clerk', 'another-community']);
    expect(decideEvent({ definition, snapshot: initial, event: { type: 'topic.reject', payload: {} }, actor: stranger, kase })).toEqual({
      kind: 'forbidden',
      type: 'topic.reject',
    });
  });

  it('accepts with the validated payload and names the role and unit it was sent as', () => {
    const sut = decideEvent({ definition, snapshot: initial, event: { type: 'topic.reject', payload: { reason: '不属于议事范围' } }, actor: clerk, kase });
    expect(sut).toMatchObject({ kind: 'accepted', payload: { reason: '不属于议事范围' }, permission: { as: 'role', role: 'council_clerk', unitId: 'c' } });
  });
});

describe(allowedEventsFor.name, () => {
  it('lists what this caller may send now, with labels and payload declarations', () => {
    const forClerk = allowedEventsFor({ definition, snapshot: initial, actor: clerk, kase });
    expect(forClerk.map((e) => e.type)).toEqual(['topic.accept', 'topic.reject']);
    expect(forClerk[1]?.payload.reason).toMatchObject({ type: 'text' });
    expect(forClerk[0]?.label.zh).toBe('受理为议题');
  });

  it('shows the submitter only their withdrawal, and the system nothing it does not accept', () => {
    expect(allowedEventsFor({ definition, snapshot: initial, actor: person('resident'), kase }).map((e) => e.type)).toEqual(['case.withdraw']);
    expect(allowedEventsFor({ definition, snapshot: initial, actor: SYSTEM_ACTOR, kase })).toEqual([]);
  });
});
