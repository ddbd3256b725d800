import type { BodyType } from '../rules/body-types.js';

/**
 * The transitions of a step a meeting decides, the same in every procedure: the engine's
 * `meeting.closed` moves the case to `next` when a meeting of one of the step's `bodies` passed
 * the motion under the law; a meeting of those bodies that did not pass is recorded and the case
 * goes to `onFail` (or stays, so that a new meeting can be held); a meeting of any other body is
 * refused by the guards.
 */
export const meetingResult = (bodies: readonly BodyType[], next: string, onFail?: string) => [
  { guard: { type: 'meetingPassed' as const, params: { bodies } }, target: next, actions: 'recordMeeting' as const },
  onFail === undefined
    ? { guard: { type: 'meetingOfStep' as const, params: { bodies } }, actions: 'recordMeeting' as const }
    : { guard: { type: 'meetingOfStep' as const, params: { bodies } }, target: onFail, actions: 'recordMeeting' as const },
];
