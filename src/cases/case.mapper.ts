import type { Actor } from '../auth/actor.js';
import { allowedEventsFor } from '../../workflows/core/decide-event.js';
import { stateLabelOf } from '../../workflows/core/describe.js';
import type { ActorFact, CaseFact } from '../../workflows/core/permissions.js';
import type { AuditEntry } from '../audit/audit-entry.js';
import { definitionOf, snapshotOf } from './case-engine.js';
import type { CaseRecord } from './case-record.js';
import type { CaseDto, TimelineItemDto } from './dto/case.dto.js';

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

export const etagOf = (version: number): string => `"${version}"`;

const timelineLabel = (record: CaseRecord, entry: AuditEntry) => {
  if (entry.kind === 'case.created') return { zh: '立案', en: 'Case opened' };
  if (entry.kind === 'timer.discarded') return { zh: '定时事件作废', en: 'Timer discarded' };
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
  viewer: { actor: Actor; unitPath: CaseFact['unitPath'] },
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
    ...(timeline ? { timeline: timeline.map((entry) => toTimelineItem(record, entry)) } : {}),
  };
};
