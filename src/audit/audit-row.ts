import type { AuditEntry, AuditEntryKind } from './audit-entry.js';

/** The `audit_entries` row (snake_case, JSON as text). */
export interface AuditRow {
  global_seq: number;
  case_id: string;
  case_seq: number;
  recorded_at: string;
  actor_kind: string;
  actor_person_id: string | null;
  actor_role: string | null;
  actor_unit_id: string | null;
  actor_as: string;
  kind: string;
  event_type: string;
  payload: string;
  state_before: string | null;
  state_after: string;
  procedure_id: string;
  procedure_version: number;
  prev_hash: string;
  hash: string;
}

export const AUDIT_COLUMNS =
  'global_seq, case_id, case_seq, recorded_at, actor_kind, actor_person_id, actor_role, actor_unit_id, actor_as, kind, event_type, payload, state_before, state_after, procedure_id, procedure_version, prev_hash, hash';

export const toAuditRow = (entry: AuditEntry): AuditRow => ({
  global_seq: entry.globalSeq,
  case_id: entry.caseId,
  case_seq: entry.caseSeq,
  recorded_at: entry.recordedAt,
  actor_kind: entry.actor.kind,
  actor_person_id: entry.actor.personId,
  actor_role: entry.actor.role,
  actor_unit_id: entry.actor.unitId,
  actor_as: entry.actor.as,
  kind: entry.kind,
  event_type: entry.eventType,
  payload: JSON.stringify(entry.payload),
  state_before: entry.stateBefore === null ? null : JSON.stringify(entry.stateBefore),
  state_after: JSON.stringify(entry.stateAfter),
  procedure_id: entry.procedureId,
  procedure_version: entry.procedureVersion,
  prev_hash: entry.prevHash,
  hash: entry.hash,
});

/**
 * Reads a row back. A value that no longer parses (someone edited the database) is kept as the
 * raw text, so that the chain check reports the entry instead of the reader crashing.
 */
const parse = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

export const fromAuditRow = (row: AuditRow): AuditEntry => ({
  globalSeq: Number(row.global_seq),
  caseId: row.case_id,
  caseSeq: Number(row.case_seq),
  recordedAt: row.recorded_at,
  actor: {
    kind: row.actor_kind === 'system' ? 'system' : 'person',
    personId: row.actor_person_id,
    role: row.actor_role,
    unitId: row.actor_unit_id,
    as: row.actor_as as AuditEntry['actor']['as'],
  },
  kind: row.kind as AuditEntryKind,
  eventType: row.event_type,
  payload: parse(row.payload),
  stateBefore: parse(row.state_before),
  stateAfter: parse(row.state_after),
  procedureId: row.procedure_id,
  procedureVersion: Number(row.procedure_version),
  prevHash: row.prev_hash,
  hash: row.hash,
});
