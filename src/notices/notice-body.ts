import type { Label } from '../../workflows/core/label.js';
import type { NoticeKind, ProcedureDefinition } from '../../workflows/core/procedure.js';
import { BODY_TYPES } from '../../workflows/rules/body-types.js';
import type { AuditEntry } from '../audit/audit-entry.js';
import type { CaseRecord } from '../cases/case-record.js';
import type { NoticeStateInfo } from './notice-states.js';

export const NOTICE_KIND_LABELS: Record<NoticeKind, Label> = {
  consultation_outcome: { zh: '协商结果公示', en: 'Consultation outcome' },
  resolution: { zh: '决议公开', en: 'Resolution' },
  implementation_result: { zh: '实施结果公开', en: 'Implementation result' },
};

/** The last meeting result the case received, as its snapshot records it. */
export interface NoticeMeeting {
  readonly body: string;
  readonly bodyLabel: Label;
  readonly quorumMet: boolean;
  readonly passed: boolean;
  /** The figures the rule decided on, when the meeting result carried them (null otherwise). */
  readonly figures: NoticeMeetingFigures | null;
}

export interface NoticeMeetingFigures {
  readonly expected: number | null;
  readonly present: number | null;
  readonly recused: number | null;
  readonly for: number | null;
  readonly against: number | null;
  readonly abstain: number | null;
}

const numberOr = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * What a notice says, frozen when it is published: the case's motion, the step, the decision that
 * published it (the event that entered the notice state, with its text fields) and the last meeting
 * result. No person's id or contact is ever part of it.
 */
export interface NoticeBody {
  readonly procedure: Label;
  readonly step: Label;
  readonly kind: Label;
  readonly title: string;
  readonly description: string;
  readonly decision: { readonly event: Label; readonly at: string; readonly texts: readonly { readonly label: Label; readonly text: string }[] };
  readonly meeting: NoticeMeeting | null;
}

const lastMeetingOf = (snapshot: unknown): NoticeMeeting | null => {
  const meetings = (snapshot as { context?: { meetings?: unknown } }).context?.meetings;
  if (!Array.isArray(meetings) || meetings.length === 0) return null;
  const last = meetings[meetings.length - 1] as Record<string, unknown>;
  const body = typeof last.body === 'string' ? last.body : '';
  const figures: NoticeMeetingFigures = {
    expected: numberOr(last.expected),
    present: numberOr(last.present),
    recused: numberOr(last.recused),
    for: numberOr(last.votesFor),
    against: numberOr(last.votesAgainst),
    abstain: numberOr(last.votesAbstain),
  };
  return {
    body,
    bodyLabel: (BODY_TYPES as Record<string, Label>)[body] ?? { zh: body, en: body },
    quorumMet: last.quorumMet === true,
    passed: last.passed === true,
    figures: Object.values(figures).some((v) => v !== null) ? figures : null,
  };
};

export const buildNoticeBody = (args: { definition: ProcedureDefinition; record: CaseRecord; entry: AuditEntry; state: NoticeStateInfo }): NoticeBody => {
  const { definition, record, entry, state } = args;
  const decl = definition.events[entry.eventType];
  const payload = (entry.payload ?? {}) as Record<string, unknown>;
  const texts = Object.entries(decl?.payload ?? {}).flatMap(([name, field]) => {
    const value = payload[name];
    return field.type === 'text' && typeof value === 'string' && value.length > 0 ? [{ label: field.label, text: value }] : [];
  });
  return {
    procedure: definition.label,
    step: state.label,
    kind: NOTICE_KIND_LABELS[state.kind],
    title: record.title,
    description: record.description,
    decision: { event: decl?.label ?? { zh: entry.eventType, en: entry.eventType }, at: entry.recordedAt, texts },
    meeting: lastMeetingOf(record.snapshot),
  };
};
