import { describe, expect, it } from 'vitest';
import { getProcedure } from '../../workflows/registry.js';
import type { ProcedureDefinition } from '../../workflows/core/procedure.js';
import { person } from '../../workflows/testing/case-driver.js';
import { planCreate, planEvent, planRecord, SYSTEM_AUDIT_ACTOR, type Plan } from '../cases/case-engine.js';
import { deadlineTransitionHook } from './deadline-hook.js';

const definition = getProcedure('five-step') as ProcedureDefinition;
const unitPath = [
  { id: 'd', kind: 'district' as const },
  { id: 'c', kind: 'community' as const },
];
const clerk = person('clerk', ['council_clerk', 'c']);

const opened = (): Plan =>
  planCreate({
    definition,
    unit: { id: 'c', path: '/d/c/', kind: 'community' },
    title: '加装电梯',
    description: '说明',
    config: definition.defaults,
    submitter: { personId: 'resident', role: null, unitId: null },
    now: '2026-04-01T00:00:00.000Z',
    globalSeq: 1,
  });

const step = (from: Plan, type: string, payload: unknown, now: string): Plan => {
  const plan = planEvent({ record: from.record, job: { caseId: from.record.id, type, payload, actor: clerk, unitPath, expectedVersion: null }, now, globalSeq: from.entry.globalSeq + 1 });
  if (!('entry' in plan)) throw plan;
  return plan;
};

describe(deadlineTransitionHook.name, () => {
  const sut = deadlineTransitionHook('sqlite');

  it('records the first step of a new case, with the limit nearest its unit resolved in SQL and the default as the last resort', () => {
    const plan = opened();
    const [write, ...rest] = sut(plan, null);
    expect(rest).toEqual([]);
    expect(write?.sql).toMatch(/^INSERT INTO case_deadlines/);
    expect(write?.sql).toContain("LIKE s.unit_path || '%'");
    expect(write?.sql).toContain('ORDER BY depth DESC LIMIT 1');
    // id, case, unit path, procedure, state, entered at, entered seq, (due from) entered at, …, default
    expect(write?.params.slice(1)).toEqual([plan.record.id, '/d/c/', 'five-step', 'topic', plan.entry.recordedAt, 1, plan.entry.recordedAt, 'five-step', 'topic', '/d/c/', null]);
  });

  it('closes the step left and records the step entered, in that order', () => {
    const created = opened();
    const accepted = step(created, 'topic.accept', {}, '2026-04-02T00:00:00.000Z');
    const writes = sut(accepted, created.record);
    expect(writes.map((w) => w.sql.split(' ').slice(0, 3).join(' '))).toEqual(['UPDATE case_deadlines SET', 'INSERT INTO case_deadlines']);
    expect(writes[0]?.params).toEqual(['2026-04-02T00:00:00.000Z', 2, created.record.id, 'topic']);
    expect(writes[0]?.sql).toContain("CASE WHEN due_at <= $1 THEN 'met_late' ELSE 'met' END");
    expect(writes[1]?.params[4]).toBe('research');
  });

  it('writes nothing for an event that stays in the step, or for a record entry', () => {
    const accepted = step(opened(), 'topic.accept', {}, '2026-04-02T00:00:00.000Z');
    const finding = step(accepted, 'research.addFinding', { summary: '走访' }, '2026-04-03T00:00:00.000Z');
    expect(sut(finding, accepted.record)).toEqual([]);
    const record = planRecord({ record: accepted.record, eventType: 'deadline.reached', payload: {}, actor: SYSTEM_AUDIT_ACTOR, now: '2026-04-05T00:00:00.000Z', globalSeq: 9 });
    expect(sut(record, accepted.record)).toEqual([]);
  });

  it('closes every open step when the case ends', () => {
    const created = opened();
    const rejected = step(created, 'topic.reject', { reason: '不属于议事范围' }, '2026-04-02T00:00:00.000Z');
    expect(rejected.record.status).toBe('closed');
    const writes = sut(rejected, created.record);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.params.slice(3)).toEqual(['topic']);
  });

  it('computes the due time with each database’s own date arithmetic', () => {
    const plan = opened();
    expect(sut(plan, null)[0]?.sql).toContain("strftime('%Y-%m-%dT%H:%M:%fZ', $8, '+' || l.days || ' days')");
    expect(deadlineTransitionHook('postgres')(plan, null)[0]?.sql).toContain("CAST($8 AS timestamptz) + l.days * interval '24 hours'");
  });
});
