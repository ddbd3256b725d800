import type { AppliedRule, MeetingResult, VoteCounts } from '../../workflows/rules/meeting-rule.types.js';
import type { BodyType, FiveParty } from '../../workflows/rules/body-types.js';
import type { CompositionWarning } from '../../workflows/rules/representative-composition.rule.js';

export type MeetingStatus = 'convened' | 'open' | 'voting' | 'closed';
export type VotingMode = 'named' | 'tally' | 'secret';
export type AttendanceStatus = 'unrecorded' | 'present' | 'absent' | 'on_leave';

/** The villager-representative meeting's composition at convening (art. 25), with its warnings. */
export interface Composition {
  readonly members: number;
  readonly representatives: number;
  readonly committeeMembers: number;
  /** null: the unit has not entered the count of women representatives. */
  readonly women: number | null;
  readonly warnings: readonly CompositionWarning[];
}

/** The `meetings` row as the database returns it. */
export interface MeetingRow {
  id: string;
  case_id: string;
  unit_id: string;
  body_type: string;
  step: string;
  status: string;
  voting_mode: string | null;
  scheduled_at: string;
  notice_given_at: string;
  place: string;
  motion: string;
  chair: string | null;
  recorder: string | null;
  rule: string;
  composition: string | null;
  expected: number | string | null;
  households: number | string | null;
  present_count: number | string | null;
  households_represented: number | string | null;
  parties_represented: string | null;
  tally_for: number | string | null;
  tally_against: number | string | null;
  tally_abstain: number | string | null;
  result: string | null;
  closing_note: string | null;
  version: number | string;
  convened_by: string;
  convened_at: string;
  opened_at: string | null;
  voting_at: string | null;
  closed_at: string | null;
}

export const MEETING_COLUMNS =
  'id, case_id, unit_id, body_type, step, status, voting_mode, scheduled_at, notice_given_at, place, motion, chair, recorder, rule, composition, expected, households, present_count, households_represented, parties_represented, tally_for, tally_against, tally_abstain, result, closing_note, version, convened_by, convened_at, opened_at, voting_at, closed_at';

export interface Meeting {
  readonly id: string;
  readonly caseId: string;
  readonly unitId: string;
  readonly body: BodyType;
  /** The case step (state path) the meeting was convened for. */
  readonly step: string;
  readonly status: MeetingStatus;
  readonly votingMode: VotingMode | null;
  readonly scheduledAt: string;
  readonly noticeGivenAt: string;
  readonly place: string;
  readonly motion: string;
  readonly chair: string | null;
  readonly recorder: string | null;
  /** The rule in force when the meeting was convened (configuration included): later changes don't apply. */
  readonly rule: AppliedRule;
  readonly composition: Composition | null;
  /** 应到: roster size (frozen at opening) or adult population; parties required for five-party. */
  readonly expected: number | null;
  readonly households: number | null;
  readonly presentCount: number | null;
  readonly householdsRepresented: number | null;
  readonly partiesRepresented: readonly FiveParty[] | null;
  readonly tally: VoteCounts | null;
  readonly result: MeetingResult | null;
  readonly closingNote: string | null;
  readonly version: number;
  readonly convenedBy: string;
  readonly convenedAt: string;
  readonly openedAt: string | null;
  readonly votingAt: string | null;
  readonly closedAt: string | null;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

export const fromMeetingRow = (row: MeetingRow): Meeting => ({
  id: row.id,
  caseId: row.case_id,
  unitId: row.unit_id,
  body: row.body_type as BodyType,
  step: row.step,
  status: row.status as MeetingStatus,
  votingMode: row.voting_mode as VotingMode | null,
  scheduledAt: row.scheduled_at,
  noticeGivenAt: row.notice_given_at,
  place: row.place,
  motion: row.motion,
  chair: row.chair,
  recorder: row.recorder,
  rule: JSON.parse(row.rule) as AppliedRule,
  composition: row.composition === null ? null : (JSON.parse(row.composition) as Composition),
  expected: num(row.expected),
  households: num(row.households),
  presentCount: num(row.present_count),
  householdsRepresented: num(row.households_represented),
  partiesRepresented: row.parties_represented === null ? null : (JSON.parse(row.parties_represented) as FiveParty[]),
  tally:
    row.tally_for === null
      ? null
      : { for: Number(row.tally_for), against: Number(row.tally_against), abstain: Number(row.tally_abstain) },
  result: row.result === null ? null : (JSON.parse(row.result) as MeetingResult),
  closingNote: row.closing_note,
  version: Number(row.version),
  convenedBy: row.convened_by,
  convenedAt: row.convened_at,
  openedAt: row.opened_at,
  votingAt: row.voting_at,
  closedAt: row.closed_at,
});

/** A member on a meeting's frozen roster. */
export interface MeetingMember {
  readonly personId: string;
  readonly name: string;
  readonly membership: string;
  readonly attendance: AttendanceStatus;
  readonly signed: boolean;
  readonly recused: boolean;
  readonly recusalReason: string | null;
}

export interface MeetingMemberRow {
  person_id: string;
  name: string;
  membership: string;
  attendance: string;
  signed: number | boolean;
  recused: number | boolean;
  recusal_reason: string | null;
}

export const fromMemberRow = (row: MeetingMemberRow): MeetingMember => ({
  personId: row.person_id,
  name: row.name,
  membership: row.membership,
  attendance: row.attendance as AttendanceStatus,
  signed: Boolean(row.signed),
  recused: Boolean(row.recused),
  recusalReason: row.recusal_reason,
});
