import type { MeetingResult } from '../rules/meeting-rule.types.js';
import type { MeetingRecord } from './case-context.js';

/**
 * The `meeting.closed` system event the engine sends when a meeting closes: the body's rule
 * decided the figures (workflows/rules), and the machine only reads whether it passed.
 */
export const meetingClosedEvent = (meetingId: string, result: MeetingResult): { type: 'meeting.closed'; payload: MeetingRecord } => ({
  type: 'meeting.closed',
  payload: {
    meetingId,
    body: result.rule.body,
    quorumMet: result.quorum.met,
    passed: result.passed,
    ruleId: result.rule.id,
    expected: result.figures.expected,
    present: result.figures.present,
    recused: result.figures.recused,
    votesFor: result.decision.for,
    votesAgainst: result.decision.against,
    votesAbstain: result.decision.abstain,
  },
});
