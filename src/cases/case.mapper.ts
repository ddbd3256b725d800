import type { Actor } from '../auth/actor.js';
import { allowedEventsFor } from '../../workflows/core/decide-event.js';
import { stateLabelOf } from '../../workflows/core/describe.js';
import type { ActorFact, CaseFact } from '../../workflows/core/permissions.js';
import { limitableStatesOf, standingOf } from '../../workflows/core/step-limits.js';
import type { AuditEntry } from '../audit/audit-entry.js';
import { definitionOf, snapshotOf } from './case-engine.js';
import type { CaseRecord } from './case-record.js';
import type { CaseDeadlineDto, CaseDto, TimelineItemDto } from './dto/case.dto.js';

/**
 * The person behind a request as the procedures see them. A role held organisation-wide (no unit)
 * counts as held at the root of the case's path.
 */
export const actorFactOf = (actor: Actor, unitPath: CaseFact['unitPath']): ActorFact => ({
  kind: 'person',
  personId: actor.personId,
  assignments: actor.roles.flatMap((r) => {
    const unitId = r.unitId ?? unitPath[0]?.id;
    return unitId ? [{ role: r.role, unitId }] : [];
  }),
});

/** The record entry the engine appends when a step's time limit is reached (src/deadlines). */
export const DEADLINE_REACHED = 'deadline.reached';

/** A running step deadline as stored (`case_deadlines`, open rows only). */
export interface OpenDeadline {
  readonly caseId: string;
  readonly state: string;
  readonly limitDays: number;
  readonly limitUnitId: string | null;
  readonly enteredAt: string;
  readonly dueAt: string;
  readonly reachedAt: string | null;
}

/** One deadline as the API shows it at `now`. */
export const toDeadlineDto = (record: Pick<CaseRecord, 'procedureId' | 'procedureVersion'>, deadline: OpenDeadline, now: string): CaseDeadlineDto => ({
  state: deadline.state,
  label: limitableStatesOf(definitionOf(record)).find((s) => s.path === deadline.state)?.label ?? { zh: deadline.state, en: deadline.state },
  limitDays: deadline.limitDays,
  limitUnitId: deadline.limitUnitId,
  enteredAt: deadline.enteredAt,
  dueAt: deadline.dueAt,
  ...standingOf(deadline.dueAt, now),
  reachedAt: deadline.reachedAt,
});

/**
 * The case's `overdue` flag and its most pressing deadline (earliest due) from its open deadline
 * rows: no statechart work, one indexed read for a whole page of cases.
 */
export const deadlineFieldsOf = (
  record: Pick<CaseRecord, 'procedureId' | 'procedureVersion'>,
  open: readonly OpenDeadline[],
  now: string,
): Pick<CaseDto, 'overdue' | 'deadline'> => {
  const first = [...open].sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0))[0];
  if (!first) return { overdue: false, deadline: null };
  const deadline = toDeadlineDto(record, first, now);
  return { overdue: deadline.overdue, deadline };
};

export const etagOf = (version: number): string => `"${version}"`;

const timelineLabel = (record: CaseRecord, entry: AuditEntry) => {
  if (entry.kind === 'case.created') return { zh: '立案', en: 'Case opened' };
  if (entry.kind === 'timer.discarded') return { zh: '定时事件作废', en: 'Timer discarded' };
  if (entry.eventType === DEADLINE_REACHED) return { zh: '办理时限已到', en: 'Time limit reached' };
  return definitionOf(record).events[entry.eventType]?.label ?? { zh: entry.eventType, en: entry.eventType };
};

export const toTimelineItem = (record: CaseRecord, entry: AuditEntry): TimelineItemDto => ({
  caseSeq: entry.caseSeq,
  at: entry.recordedAt,
  kind: entry.kind,
  eventType: entry.eventType,
  label: timelineLabel(record, entry),
  actor: { ...entry.actor },
});

export const toCaseDto = (
  record: CaseRecord,
  viewer: { actor: Actor; unitPath: CaseFact['unitPath']; deadlines?: { open: readonly OpenDeadline[]; now: string } },
  timeline?: readonly AuditEntry[],
): CaseDto => {
  const definition = definitionOf(record);
  const snapshot = snapshotOf(record);
  const allowed = allowedEventsFor({
    definition,
    snapshot,
    actor: actorFactOf(viewer.actor, viewer.unitPath),
    kase: { submitterId: record.submitterId, unitPath: viewer.unitPath },
  });
  return {
    id: record.id,
    title: record.title,
    description: record.description,
    procedure: { id: definition.id, version: definition.version, label: definition.label },
    unitId: record.unitId,
    submitterId: record.submitterId,
    state: { value: snapshot.value as unknown, path: record.state, label: stateLabelOf(snapshot) },
    status: record.status,
    outcome: record.outcome,
    version: record.version,
    config: record.config,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    allowedEvents: allowed.map((e) => ({ type: e.type, label: e.label, payload: { ...e.payload } })),
    // filled from the case's open deadlines where the caller knows them (src/deadlines adds them to every /api/cases answer)
    ...(viewer.deadlines ? deadlineFieldsOf(record, viewer.deadlines.open, viewer.deadlines.now) : { overdue: false, deadline: null }),
    ...(timeline ? { timeline: timeline.map((entry) => toTimelineItem(record, entry)) } : {}),
  };
};
