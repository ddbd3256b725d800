import type { BodyType } from '../rules/body-types.js';

/** Context fragments and pure helpers that several procedures share. */

export interface MeetingRecord {
  readonly meetingId: string;
  readonly body: BodyType;
  readonly quorumMet: boolean;
  readonly passed: boolean;
  readonly ruleId: string;
  readonly expected?: number;
  readonly present?: number;
  readonly recused?: number;
  readonly votesFor?: number;
  readonly votesAgainst?: number;
  readonly votesAbstain?: number;
}

export interface SharedCaseContext {
  /** Every meeting result received, in order (the audit trail has the figures). */
  readonly meetings: readonly MeetingRecord[];
  /** Objections filed during the current notice and not yet answered. */
  readonly pendingObjections: readonly string[];
  /** The last reason given for a rejection, return, stop or withdrawal. */
  readonly lastReason: string | null;
}

export const initialSharedContext = (): SharedCaseContext => ({ meetings: [], pendingObjections: [], lastReason: null });

type AnyEvent = { type: string; payload: object };
type MeetingClosedEvent = { type: 'meeting.closed'; payload: MeetingRecord };

const isMeetingClosed = (event: AnyEvent): event is MeetingClosedEvent => event.type === 'meeting.closed';

/** Guard: the closing meeting is of one of the step's bodies and its motion passed by the rule. */
export const meetingPassed = ({ event }: { event: AnyEvent }, params: { bodies: readonly BodyType[] }): boolean =>
  // a vote without a quorum decides nothing, whatever its count says
  isMeetingClosed(event) && event.payload.passed && event.payload.quorumMet && params.bodies.includes(event.payload.body);

/** Guard: the closing meeting is of one of the step's bodies (whatever its result). */
export const meetingOfStep = ({ event }: { event: AnyEvent }, params: { bodies: readonly BodyType[] }): boolean =>
  isMeetingClosed(event) && params.bodies.includes(event.payload.body);

export const withMeeting = <C extends SharedCaseContext>(context: C, event: AnyEvent): C =>
  isMeetingClosed(event) ? { ...context, meetings: [...context.meetings, event.payload] } : context;

const objectionIdOf = (event: AnyEvent): string | undefined => {
  const id = (event.payload as { objectionId?: unknown }).objectionId;
  return typeof id === 'string' ? id : undefined;
};

export const isPendingObjection = ({ context, event }: { context: SharedCaseContext; event: AnyEvent }): boolean => {
  const id = objectionIdOf(event);
  return id !== undefined && context.pendingObjections.includes(id);
};

export const noPendingObjections = ({ context }: { context: SharedCaseContext }): boolean =>
  context.pendingObjections.length === 0;

export const withObjectionFiled = <C extends SharedCaseContext>(context: C, event: AnyEvent): C => {
  const id = objectionIdOf(event);
  return id === undefined || context.pendingObjections.includes(id)
    ? context
    : { ...context, pendingObjections: [...context.pendingObjections, id] };
};

export const withObjectionAnswered = <C extends SharedCaseContext>(context: C, event: AnyEvent): C => {
  const id = objectionIdOf(event);
  return { ...context, pendingObjections: context.pendingObjections.filter((pending) => pending !== id) };
};

/** After an upheld objection the notice is withdrawn: the other objections lapse with it. */
export const withNoticeWithdrawn = <C extends SharedCaseContext>(context: C, event: AnyEvent): C => ({
  ...withReason(context, event),
  pendingObjections: [],
});

export const withReason = <C extends SharedCaseContext>(context: C, event: AnyEvent): C => {
  const reason = (event.payload as { reason?: unknown }).reason;
  return typeof reason === 'string' ? { ...context, lastReason: reason } : context;
};
