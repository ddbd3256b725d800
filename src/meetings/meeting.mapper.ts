import { BODY_TYPES } from '../../workflows/rules/body-types.js';
import { countMembers } from './meeting-figures.js';
import type { MeetingCorrectionDto, MeetingDto } from './dto/meeting.dto.js';
import type { Meeting, MeetingMember } from './meeting-row.js';
import { BODY_DEFINITIONS } from './bodies.js';

/** What a meeting response is built from: the row, its frozen roster, its ballots, its corrections. */
export interface MeetingView {
  readonly meeting: Meeting;
  readonly members: readonly MeetingMember[];
  readonly namedBallots: ReadonlyMap<string, string>;
  readonly secretVoters: ReadonlySet<string>;
  readonly corrections: readonly MeetingCorrectionDto[];
}

const countChoices = (choices: Iterable<string>) => {
  const all = [...choices];
  return { for: all.filter((c) => c === 'for').length, against: all.filter((c) => c === 'against').length, abstain: all.filter((c) => c === 'abstain').length };
};

export const toMeetingDto = ({ meeting, members, namedBallots, secretVoters, corrections }: MeetingView): MeetingDto => {
  const kind = BODY_DEFINITIONS[meeting.body].attendance;
  const counted = countMembers(members);
  const result = meeting.result;
  // Secret totals are shown only in the result: running totals next to a list of who has voted
  // would let anyone watching the page work out each vote.
  const votes =
    result !== null
      ? result.decision.voted
        ? { for: result.decision.for, against: result.decision.against, abstain: result.decision.abstain }
        : null
      : meeting.votingMode === 'named'
        ? countChoices(namedBallots.values())
        : meeting.votingMode === 'tally'
          ? meeting.tally
          : null;
  return {
    id: meeting.id,
    caseId: meeting.caseId,
    unitId: meeting.unitId,
    body: meeting.body,
    bodyName: BODY_TYPES[meeting.body],
    step: meeting.step,
    status: meeting.status,
    votingMode: meeting.votingMode,
    scheduledAt: meeting.scheduledAt,
    noticeGivenAt: meeting.noticeGivenAt,
    place: meeting.place,
    motion: meeting.motion,
    chair: meeting.chair,
    recorder: meeting.recorder,
    rule: {
      id: meeting.rule.id,
      name: meeting.rule.name,
      source: meeting.rule.source,
      citation: meeting.rule.citation,
      description: meeting.rule.description,
      ...(meeting.rule.config ? { config: meeting.rule.config as unknown as Record<string, unknown> } : {}),
    },
    composition: meeting.composition ? { ...meeting.composition, warnings: [...meeting.composition.warnings] } : null,
    figures: {
      expected: meeting.expected,
      present: kind === 'named' ? (meeting.status === 'convened' ? null : counted.present) : kind === 'counts' ? meeting.presentCount : (meeting.partiesRepresented?.length ?? null),
      recused: counted.recused,
      households: meeting.households,
      householdsRepresented: meeting.householdsRepresented,
      partiesRepresented: meeting.partiesRepresented ? [...meeting.partiesRepresented] : null,
      ballotsCast: meeting.votingMode === 'secret' ? secretVoters.size : namedBallots.size,
      votes,
    },
    members: members.map((m) => ({
      ...m,
      ...(meeting.votingMode === 'named' ? { choice: namedBallots.get(m.personId) ?? null } : {}),
      ...(meeting.votingMode === 'secret' ? { voted: secretVoters.has(m.personId) } : {}),
    })),
    result: result as unknown as Record<string, unknown> | null,
    passed: result?.passed ?? null,
    closingNote: meeting.closingNote,
    corrections: [...corrections],
    convenedBy: meeting.convenedBy,
    convenedAt: meeting.convenedAt,
    openedAt: meeting.openedAt,
    votingAt: meeting.votingAt,
    closedAt: meeting.closedAt,
    version: meeting.version,
  };
};
