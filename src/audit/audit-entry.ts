import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/**
 * One entry of a case's audit chain, exactly as hashed. docs/audit-format.md describes it
 * precisely enough for a second, independent verifier.
 */
export interface AuditActor {
  readonly kind: 'person' | 'system';
  readonly personId: string | null;
  /** The role the actor acted in, and the unit where that role is held; null for system/submitter. */
  readonly role: string | null;
  readonly unitId: string | null;
  readonly as: 'role' | 'submitter' | 'system';
}

/**
 * - `case.created`: the case was opened; payload holds what the machine was started with.
 * - `case.event`: an event the statechart accepted; replaying these reproduces the case.
 * - `timer.discarded`: a timer came due for a state the case had already left.
 * - `record`: a fact recorded in the trail that does not move the case (meetings, notices).
 */
export type AuditEntryKind = 'case.created' | 'case.event' | 'timer.discarded' | 'record';

export interface AuditEntryFields {
  readonly globalSeq: number;
  readonly caseId: string;
  readonly caseSeq: number;
  /** UTC, ISO 8601 with milliseconds. */
  readonly recordedAt: string;
  readonly actor: AuditActor;
  readonly kind: AuditEntryKind;
  readonly eventType: string;
  readonly payload: unknown;
  readonly stateBefore: unknown;
  readonly stateAfter: unknown;
  readonly procedureId: string;
  readonly procedureVersion: number;
  readonly prevHash: string;
}

export interface AuditEntry extends AuditEntryFields {
  readonly hash: string;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The value the first entry of a case chains from: bound to the case, so chains cannot be spliced. */
export const genesisHash = (caseId: string): string => sha256Hex(`minyi/audit/v1/genesis/${caseId}`);

/** SHA-256 (hex) of the RFC 8785 canonical JSON of every field but `hash`. */
export const hashEntry = (fields: AuditEntryFields): string => {
  const hashed: AuditEntryFields = {
    globalSeq: fields.globalSeq,
    caseId: fields.caseId,
    caseSeq: fields.caseSeq,
    recordedAt: fields.recordedAt,
    actor: fields.actor,
    kind: fields.kind,
    eventType: fields.eventType,
    payload: fields.payload,
    stateBefore: fields.stateBefore,
    stateAfter: fields.stateAfter,
    procedureId: fields.procedureId,
    procedureVersion: fields.procedureVersion,
    prevHash: fields.prevHash,
  };
  return sha256Hex(canonicalJson(hashed));
};

export const sealEntry = (fields: AuditEntryFields): AuditEntry => ({ ...fields, hash: hashEntry(fields) });
