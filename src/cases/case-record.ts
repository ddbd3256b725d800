import type { Outcome } from '../../workflows/core/procedure.js';

/** A case as the engine holds it: the `cases` row with its JSON columns parsed. */
export interface CaseRecord {
  readonly id: string;
  readonly procedureId: string;
  readonly procedureVersion: number;
  readonly unitId: string;
  readonly unitPath: string;
  readonly title: string;
  readonly description: string;
  readonly submitterId: string | null;
  readonly status: 'open' | 'closed';
  readonly outcome: Outcome | null;
  /** Dotted path of the deepest active state, e.g. `publicNotice.running`. */
  readonly state: string;
  /** The persisted XState snapshot (`machine.getPersistedSnapshot`). */
  readonly snapshot: unknown;
  readonly config: Record<string, unknown>;
  readonly version: number;
  readonly lastSeq: number;
  readonly headHash: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The `cases` row as the database returns it (snake_case, JSON as text). */
export interface CaseRow {
  id: string;
  procedure_id: string;
  procedure_version: number;
  unit_id: string;
  unit_path: string;
  title: string;
  description: string;
  submitter_id: string | null;
  status: string;
  outcome: string | null;
  state: string;
  snapshot: string;
  config: string;
  version: number;
  last_seq: number;
  head_hash: string;
  created_at: string;
  updated_at: string;
}

export const CASE_COLUMNS =
  'id, procedure_id, procedure_version, unit_id, unit_path, title, description, submitter_id, status, outcome, state, snapshot, config, version, last_seq, head_hash, created_at, updated_at';

export const fromCaseRow = (row: CaseRow): CaseRecord => ({
  id: row.id,
  procedureId: row.procedure_id,
  procedureVersion: Number(row.procedure_version),
  unitId: row.unit_id,
  unitPath: row.unit_path,
  title: row.title,
  description: row.description,
  submitterId: row.submitter_id,
  status: row.status === 'closed' ? 'closed' : 'open',
  outcome: row.outcome as Outcome | null,
  state: row.state,
  snapshot: JSON.parse(row.snapshot) as unknown,
  config: JSON.parse(row.config) as Record<string, unknown>,
  version: Number(row.version),
  lastSeq: Number(row.last_seq),
  headHash: row.head_hash,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const toCaseRow = (record: CaseRecord): CaseRow => ({
  id: record.id,
  procedure_id: record.procedureId,
  procedure_version: record.procedureVersion,
  unit_id: record.unitId,
  unit_path: record.unitPath,
  title: record.title,
  description: record.description,
  submitter_id: record.submitterId,
  status: record.status,
  outcome: record.outcome,
  state: record.state,
  snapshot: JSON.stringify(record.snapshot),
  config: JSON.stringify(record.config),
  version: record.version,
  last_seq: record.lastSeq,
  head_hash: record.headHash,
  created_at: record.createdAt,
  updated_at: record.updatedAt,
});
