import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { sendError } from '../common/http/send-error.js';
import { MeetingError, MeetingErrorCode } from './meeting-error.js';

export const meetingErrorStatus = (code: MeetingErrorCode): HttpStatus => {
  switch (code) {
    case MeetingErrorCode.MeetingNotFound:
    case MeetingErrorCode.UnitNotFound:
      return HttpStatus.NOT_FOUND;
    case MeetingErrorCode.UnknownBody:
    case MeetingErrorCode.InvalidBodySettings:
    case MeetingErrorCode.DuplicateEntry:
    case MeetingErrorCode.NegativeCount:
      return HttpStatus.BAD_REQUEST;
    case MeetingErrorCode.MeetingForbidden:
    case MeetingErrorCode.SecretBallotNotYours:
      return HttpStatus.FORBIDDEN;
    case MeetingErrorCode.MeetingChanged:
    case MeetingErrorCode.AlreadyVoted:
    case MeetingErrorCode.AlreadyRecused:
      return HttpStatus.CONFLICT;
    case MeetingErrorCode.MeetingNotForThisStep:
    case MeetingErrorCode.NoticeTooShort:
    case MeetingErrorCode.NoticeInFuture:
    case MeetingErrorCode.EmptyRoster:
    case MeetingErrorCode.MeetingNotConvened:
    case MeetingErrorCode.MeetingNotYetDue:
    case MeetingErrorCode.MeetingNotOpen:
    case MeetingErrorCode.MeetingNotVoting:
    case MeetingErrorCode.MeetingClosed:
    case MeetingErrorCode.MeetingNotClosed:
    case MeetingErrorCode.WrongAttendanceKind:
    case MeetingErrorCode.NotAMember:
    case MeetingErrorCode.AttendanceAboveRoster:
    case MeetingErrorCode.VoterNotPresent:
    case MeetingErrorCode.VoterRecused:
    case MeetingErrorCode.WrongVotingMode:
    case MeetingErrorCode.SecretBallotRequired:
    case MeetingErrorCode.TallyExceedsAttendance:
    case MeetingErrorCode.RuleRefused:
      return HttpStatus.UNPROCESSABLE_ENTITY;
  }
};

@Catch(MeetingError)
export class MeetingExceptionFilter implements ExceptionFilter<MeetingError> {
  catch(error: MeetingError, host: ArgumentsHost): void {
    sendError(host, meetingErrorStatus(error.code), error);
  }
}
