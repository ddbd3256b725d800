import { randomUUID } from 'node:crypto';
import type { AnyMachineSnapshot } from 'xstate';
import { activeStatePaths, outcomeOf } from '../../workflows/core/describe.js';
import { decideEvent, type EventDecision } from '../../workflows/core/decide-event.js';
import type { ActorFact, CaseFact, SendPermission } from '../../workflows/core/permissions.js';
import type { ProcedureDefinition } from '../../workflows/core/procedure.js';
import { persistSnapshot, restoreSnapshot, startCase, type TimerEffects } from '../../workflows/core/step.js';
import { getProcedure } from '../../workflows/registry.js';
import { genesisHash, sealEntry, type AuditActor, type AuditEntry } from '../audit/audit-entry.js';
import { CaseError, CaseErrorCode } from './case-error.js';
import type { CaseRecord } from './case-record.js';

/**
 * The engine's decisions, free of any database: given a case as stored and a request, what to
 * write (the new case row, one audit entry, the timers to store or delete), or which error to
 * answer. The writers (SQLite, PostgreSQL) run this inside their transaction.
 */

export interface TimerWrite {
  readonly key: string;
  readonly event: { readonly type: string; readonly payload?: unknown };
  readonly dueAt: string;
}

export interface Plan {
  readonly record: CaseRecord;
  readonly entry: AuditEntry;
  readonly cancelTimers: readonly string[];
  readonly scheduleTimers: readonly TimerWrite[];
}

export interface EventJob {
  readonly caseId: string;
  readonly type: string;
  readonly payload: unknown;
  readonly actor: ActorFact;
  /** The case unit's path from the root, with kinds, for role checks. */
  readonly unitPath: CaseFact['unitPath'];
  /** From If-Match: the version the client saw; null to apply to whatever is current. */
  readonly expectedVersion: number | null;
  /** Set when the scheduler fires a stored timer. */
  readonly timerKey?: string;
}

export const SYSTEM_AUDIT_ACTOR: AuditActor = { kind: 'system', personId: null, role: null, unitId: null, as: 'system' };

export const definitionOf = (record: Pick<CaseRecord, 'procedureId' | 'procedureVersion'>): ProcedureDefinition => {
  const definition = getProcedure(record.procedureId, record.procedureVersion);
  // A case pins a released version; the registry never drops one, so this is a deployment error.
  if (!definition) throw new Error(`procedure ${record.procedureId} v${record.procedureVersion} is not in the registry`);
  return definition;
};

/** The deepest active state path of a snapshot, e.g. `publicNotice.running`. */
export const statePathOf = (snapshot: AnyMachineSnapshot): string => activeStatePaths(snapshot).at(-1) ?? '';

const addMs = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();

const timerWrites = (timers: TimerEffects, now: string): Pick<Plan, 'cancelTimers' | 'scheduleTimers'> => ({
  cancelTimers: timers.cancel,
  scheduleTimers: timers.schedule.map((t) => ({ key: t.id, event: t.event, dueAt: addMs(now, t.delayMs) })),
});

const auditActorOf = (actor: ActorFact, permission: Exclude<SendPermission, { allowed: false }>): AuditActor => {
  if (actor.kind === 'system') return SYSTEM_AUDIT_ACTOR;
  if (permission.as === 'role') return { kind: 'person', personId: actor.personId, role: permission.role, unitId: permission.unitId, as: 'role' };
  return { kind: 'person', personId: actor.personId, role: null, unitId: null, as: 'submitter' };
};

export interface CreateInput {
  readonly definition: ProcedureDefinition;
  readonly unit: { readonly id: string; readonly path: string; readonly kind: string };
  readonly title: string;
  readonly description: string;
  readonly config: Record<string, unknown>;
  readonly submitter: { readonly personId: string; readonly role: string | null; readonly unitId: string | null };
  readonly now: string;
  readonly globalSeq: number;
  readonly id?: string;
}

export const planCreate = (input: CreateInput): Plan => {
  const { definition, now } = input;
  const id = input.id ?? randomUUID();
  const started = startCase(definition.machine, { config: input.config, unitKind: input.unit.kind });
  const entry = sealEntry({
    globalSeq: input.globalSeq,
    caseId: id,
    caseSeq: 1,
    recordedAt: now,
    actor: { kind: 'person', personId: input.submitter.personId, role: input.submitter.role, unitId: input.submitter.unitId, as: input.submitter.role ? 'role' : 'submitter' },
    kind: 'case.created',
    eventType: 'case.created',
    payload: { title: input.title, description: input.description, unitId: input.unit.id, unitKind: input.unit.kind, config: input.config },
    stateBefore: null,
    stateAfter: started.snapshot.value as unknown,
    procedureId: definition.id,
    procedureVersion: definition.version,
    prevHash: genesisHash(id),
  });
  const record: CaseRecord = {
    id,
    procedureId: definition.id,
    procedureVersion: definition.version,
    unitId: input.unit.id,
    unitPath: input.unit.path,
    title: input.title,
    description: input.description,
    submitterId: input.submitter.personId,
    status: 'open',
    outcome: null,
    state: statePathOf(started.snapshot),
    snapshot: persistSnapshot(definition.machine, started.snapshot),
    config: input.config,
    version: 1,
    lastSeq: 1,
    headHash: entry.hash,
    createdAt: now,
    updatedAt: now,
  };
  return { record, entry, ...timerWrites(started.timers, now) };
};

const refusal = (decision: Exclude<EventDecision, { kind: 'accepted' }>): CaseError => {
  switch (decision.kind) {
    case 'unknown-event':
      return new CaseError(CaseErrorCode.UnknownEventType, { field: 'type' });
    case 'forbidden':
      return new CaseError(CaseErrorCode.EventForbidden, { field: 'type' });
    case 'invalid-payload':
      return new CaseError(CaseErrorCode.InvalidPayload, {
        field: 'payload',
        errors: decision.errors.map((e) => ({ field: e.field === '' ? 'payload' : `payload.${e.field}`, code: e.code, message: e.message })),
      });
    case 'not-accepted':
      return new CaseError(CaseErrorCode.EventNotAllowed, { details: { accepted: decision.accepted } });
    case 'guard-rejected':
      return new CaseError(CaseErrorCode.GuardRejected, {
        text: { zh: `${decision.reason.zh}（规则：${decision.guard}）`, en: `${decision.reason.en} (guard: ${decision.guard})` },
        details: { guard: decision.guard, reason: decision.reason },
      });
    default: {
      const unreachable: never = decision;
      return unreachable;
    }
  }
};

/** Restores the machine snapshot of a stored case. */
export const snapshotOf = (record: CaseRecord): AnyMachineSnapshot => restoreSnapshot(definitionOf(record).machine, record.snapshot);

/**
 * Plans one event on a case as stored now. A refused timer event is not an error: it is recorded
 * as discarded, so the trail shows every timer's end.
 */
export const planEvent = (args: { record: CaseRecord; job: EventJob; now: string; globalSeq: number; snapshot?: AnyMachineSnapshot }): Plan | CaseError => {
  const { record, job, now, globalSeq } = args;
  if (job.expectedVersion !== null && job.expectedVersion !== record.version) {
    return new CaseError(CaseErrorCode.ConcurrentWrite, { details: { version: record.version } });
  }
  const definition = definitionOf(record);
  const before = args.snapshot ?? snapshotOf(record);
  const decision = decideEvent({
    definition,
    snapshot: before,
    event: { type: job.type, payload: job.payload },
    actor: job.actor,
    kase: { submitterId: record.submitterId, unitPath: job.unitPath },
  });
  const base = {
    globalSeq,
    caseId: record.id,
    caseSeq: record.lastSeq + 1,
    recordedAt: now,
    procedureId: record.procedureId,
    procedureVersion: record.procedureVersion,
    prevHash: record.headHash,
  };
  if (decision.kind !== 'accepted') {
    if (job.timerKey === undefined) return refusal(decision);
    const entry = sealEntry({
      ...base,
      actor: SYSTEM_AUDIT_ACTOR,
      kind: 'timer.discarded',
      eventType: job.type,
      payload: { timerKey: job.timerKey, reason: decision.kind },
      stateBefore: before.value as unknown,
      stateAfter: before.value as unknown,
    });
    return {
      record: { ...record, version: record.version + 1, lastSeq: entry.caseSeq, headHash: entry.hash, updatedAt: now },
      entry,
      cancelTimers: [job.timerKey],
      scheduleTimers: [],
    };
  }
  const after = decision.snapshot;
  const entry = sealEntry({
    ...base,
    actor: auditActorOf(job.actor, decision.permission),
    kind: 'case.event',
    eventType: job.type,
    payload: decision.payload,
    stateBefore: before.value as unknown,
    stateAfter: after.value as unknown,
  });
  const outcome = outcomeOf(after);
  const timers = timerWrites(decision.timers, now);
  return {
    record: {
      ...record,
      status: after.status === 'done' ? 'closed' : 'open',
      outcome,
      state: statePathOf(after),
      snapshot: persistSnapshot(definition.machine, after),
      version: record.version + 1,
      lastSeq: entry.caseSeq,
      headHash: entry.hash,
      updatedAt: now,
    },
    entry,
    // A fired timer is consumed whether or not the machine scheduled it again.
    cancelTimers: job.timerKey !== undefined && !timers.cancelTimers.includes(job.timerKey) ? [...timers.cancelTimers, job.timerKey] : timers.cancelTimers,
    scheduleTimers: timers.scheduleTimers,
  };
};

/**
 * Plans a `record` entry: a fact chained into the case's trail that does not move the case (a
 * meeting convened, a ballot cast, a notice published). The case's version and head advance.
 */
export const planRecord = (args: {
  record: CaseRecord;
  eventType: string;
  payload: unknown;
  actor: AuditActor;
  now: string;
  globalSeq: number;
}): Plan => {
  const { record, now } = args;
  const state = (record.snapshot as { value: unknown }).value;
  const entry = sealEntry({
    globalSeq: args.globalSeq,
    caseId: record.id,
    caseSeq: record.lastSeq + 1,
    recordedAt: now,
    actor: args.actor,
    kind: 'record',
    eventType: args.eventType,
    payload: args.payload,
    stateBefore: state,
    stateAfter: state,
    procedureId: record.procedureId,
    procedureVersion: record.procedureVersion,
    prevHash: record.headHash,
  });
  return {
    record: { ...record, version: record.version + 1, lastSeq: entry.caseSeq, headHash: entry.hash, updatedAt: now },
    entry,
    cancelTimers: [],
    scheduleTimers: [],
  };
};
