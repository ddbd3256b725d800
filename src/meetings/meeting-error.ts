import type { Label } from '../../workflows/core/label.js';
import { DomainError, type FieldProblem } from '../common/errors/domain-error.js';

export enum MeetingErrorCode {
  MeetingNotFound = 'MEETING_NOT_FOUND',
  UnitNotFound = 'MEETING_UNIT_NOT_FOUND',
  UnknownBody = 'UNKNOWN_BODY',
  InvalidBodySettings = 'INVALID_BODY_SETTINGS',
  MeetingForbidden = 'MEETING_FORBIDDEN',
  MeetingNotForThisStep = 'MEETING_NOT_FOR_THIS_STEP',
  NoticeTooShort = 'NOTICE_TOO_SHORT',
  NoticeInFuture = 'NOTICE_IN_FUTURE',
  EmptyRoster = 'EMPTY_ROSTER',
  MeetingNotConvened = 'MEETING_NOT_CONVENED',
  MeetingNotYetDue = 'MEETING_NOT_YET_DUE',
  MeetingNotOpen = 'MEETING_NOT_OPEN',
  MeetingNotVoting = 'MEETING_NOT_VOTING',
  MeetingClosed = 'MEETING_CLOSED',
  MeetingNotClosed = 'MEETING_NOT_CLOSED',
  MeetingChanged = 'MEETING_CHANGED',
  WrongAttendanceKind = 'WRONG_ATTENDANCE_KIND',
  NotAMember = 'NOT_A_MEMBER',
  DuplicateEntry = 'DUPLICATE_ENTRY',
  AttendanceAboveRoster = 'ATTENDANCE_ABOVE_ROSTER',
  NegativeCount = 'NEGATIVE_COUNT',
  AlreadyRecused = 'ALREADY_RECUSED',
  VoterNotPresent = 'VOTER_NOT_PRESENT',
  VoterRecused = 'VOTER_RECUSED',
  AlreadyVoted = 'ALREADY_VOTED',
  WrongVotingMode = 'WRONG_VOTING_MODE',
  SecretBallotRequired = 'SECRET_BALLOT_REQUIRED',
  SecretBallotNotYours = 'SECRET_BALLOT_NOT_YOURS',
  TallyExceedsAttendance = 'TALLY_EXCEEDS_ATTENDANCE',
  RuleRefused = 'RULE_REFUSED',
}

const MESSAGES: Record<MeetingErrorCode, Label> = {
  [MeetingErrorCode.MeetingNotFound]: { zh: '找不到该会议。', en: 'No such meeting.' },
  [MeetingErrorCode.UnitNotFound]: { zh: '找不到该组织单位。', en: 'No such unit.' },
  [MeetingErrorCode.UnknownBody]: { zh: '没有这种会议类型。', en: 'No such kind of body.' },
  [MeetingErrorCode.InvalidBodySettings]: { zh: '会议规则配置有误。', en: 'The body settings are invalid.' },
  [MeetingErrorCode.MeetingForbidden]: {
    zh: '您的角色不能召集或记录这种会议。',
    en: 'Your roles do not allow you to convene or record meetings of this body.',
  },
  [MeetingErrorCode.MeetingNotForThisStep]: {
    zh: '事项当前所处的步骤不由这种会议决定。',
    en: 'The step the case is in is not decided by a meeting of this body.',
  },
  [MeetingErrorCode.NoticeTooShort]: { zh: '会议通知时间不足。', en: 'Not enough notice was given for this meeting.' },
  [MeetingErrorCode.NoticeInFuture]: { zh: '通知时间不能晚于现在。', en: 'The notice cannot be dated in the future.' },
  [MeetingErrorCode.EmptyRoster]: {
    zh: '该会议没有组成人员（没有人担任相应角色），无法召开。',
    en: 'The body has no members (nobody holds the role that makes a member).',
  },
  [MeetingErrorCode.MeetingNotConvened]: { zh: '会议已经开始，不能再次宣布开会。', en: 'The meeting has already been opened.' },
  [MeetingErrorCode.MeetingNotYetDue]: {
    zh: '会议通知的开会时间未到，不能提前开会。',
    en: 'The meeting cannot open before the time given in its notice.',
  },
  [MeetingErrorCode.MeetingNotOpen]: {
    zh: '会议尚未开始或已进入表决，不能登记到会或回避。',
    en: 'The meeting is not open (not yet opened, or voting has begun): attendance and recusals are closed.',
  },
  [MeetingErrorCode.MeetingNotVoting]: { zh: '会议尚未进入表决，不能投票。', en: 'The meeting is not voting: no ballot can be cast now.' },
  [MeetingErrorCode.MeetingClosed]: {
    zh: '会议已闭会，记录不能更改；如有错误请提交更正记录。',
    en: 'The meeting is closed and cannot change; record a correction instead.',
  },
  [MeetingErrorCode.MeetingNotClosed]: { zh: '会议尚未闭会，不能更正。', en: 'Only a closed meeting takes corrections.' },
  [MeetingErrorCode.MeetingChanged]: { zh: '会议同时被他人更新，请刷新后再试。', en: 'The meeting changed meanwhile; reload and try again.' },
  [MeetingErrorCode.WrongAttendanceKind]: {
    zh: '这种会议的到会登记方式不同（按名单、按人数或按参会方）。',
    en: 'This body takes attendance another way (named roll call, counts, or parties).',
  },
  [MeetingErrorCode.NotAMember]: { zh: '此人不是该会议的组成人员。', en: 'This person is not a member of the body (not on the frozen roster).' },
  [MeetingErrorCode.DuplicateEntry]: { zh: '同一人或同一方列出了两次。', en: 'The same person or party is listed twice.' },
  [MeetingErrorCode.AttendanceAboveRoster]: { zh: '实到人数超过应到人数。', en: 'Attendance exceeds the roster.' },
  [MeetingErrorCode.NegativeCount]: { zh: '人数须为不小于0的整数。', en: 'Counts must be whole numbers of at least 0.' },
  [MeetingErrorCode.AlreadyRecused]: { zh: '此人已申请回避。', en: 'This member has already recused themself.' },
  [MeetingErrorCode.VoterNotPresent]: { zh: '此人未登记到会，不能表决。', en: 'This member is not recorded as present and cannot vote.' },
  [MeetingErrorCode.VoterRecused]: { zh: '此人已回避，不能表决。', en: 'This member has recused themself and cannot vote.' },
  [MeetingErrorCode.AlreadyVoted]: { zh: '此人已经投过票，不能重复投票。', en: 'This member has already voted.' },
  [MeetingErrorCode.WrongVotingMode]: { zh: '本次表决不是这种方式。', en: 'The meeting votes another way.' },
  [MeetingErrorCode.SecretBallotRequired]: { zh: '该会议规定以无记名投票方式表决。', en: 'This body votes by secret ballot only.' },
  [MeetingErrorCode.SecretBallotNotYours]: {
    zh: '无记名投票只能由本人投出，他人不能代投或代录。',
    en: 'A secret ballot is cast by the member themself; nobody may record it for them.',
  },
  [MeetingErrorCode.TallyExceedsAttendance]: { zh: '表决票数超过实到人数。', en: 'The tally exceeds the members present.' },
  [MeetingErrorCode.RuleRefused]: { zh: '表决规则拒绝了这些数字。', en: 'The vote rule refused these figures.' },
};

export class MeetingError extends DomainError<MeetingErrorCode> {
  constructor(code: MeetingErrorCode, options: { field?: string; errors?: readonly FieldProblem[]; text?: Label; details?: Record<string, unknown> } = {}) {
    super(code, options.text ?? MESSAGES[code], options.field, options.errors, undefined, options.details);
  }
}
