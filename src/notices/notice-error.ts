import type { Label } from '../../workflows/core/label.js';
import { DomainError, type FieldProblem } from '../common/errors/domain-error.js';

export enum NoticeErrorCode {
  NoticeNotFound = 'NOTICE_NOT_FOUND',
  UnitNotFound = 'NOTICE_UNIT_NOT_FOUND',
  NoticeForbidden = 'NOTICE_FORBIDDEN',
  NoticeNotRunning = 'NOTICE_NOT_RUNNING',
  NoticeChanged = 'NOTICE_CHANGED',
  PeriodClosed = 'OBJECTION_PERIOD_CLOSED',
  FormInvalid = 'OBJECTION_FORM_INVALID',
  FormTooFresh = 'OBJECTION_FORM_TOO_FRESH',
  SpamSuspected = 'OBJECTION_SPAM_SUSPECTED',
  RateLimited = 'OBJECTION_RATE_LIMITED',
  DuplicateObjection = 'OBJECTION_DUPLICATE',
}

const MESSAGES: Record<NoticeErrorCode, Label> = {
  [NoticeErrorCode.NoticeNotFound]: { zh: '找不到该公示。', en: 'No such notice.' },
  [NoticeErrorCode.UnitNotFound]: { zh: '找不到该组织单位。', en: 'No such unit.' },
  [NoticeErrorCode.NoticeForbidden]: {
    zh: '只有负责答复异议的人员可以进行此操作。',
    en: 'Only the staff who answer objections for this procedure may do this.',
  },
  [NoticeErrorCode.NoticeNotRunning]: { zh: '公示期已结束或公示已撤回，不能延长。', en: 'The notice period is over or the notice was withdrawn: it cannot be extended.' },
  [NoticeErrorCode.NoticeChanged]: { zh: '公示刚刚发生了变化，请刷新后再试。', en: 'The notice changed meanwhile; reload it and try again.' },
  [NoticeErrorCode.PeriodClosed]: { zh: '公示期已结束，不再接受异议。', en: 'The objection period has closed.' },
  [NoticeErrorCode.FormInvalid]: {
    zh: '表单已失效，请重新打开异议表单后再提交。',
    en: 'The form token is missing, invalid or expired; open the objection form again.',
  },
  [NoticeErrorCode.FormTooFresh]: { zh: '提交过快，请稍候几秒再提交。', en: 'Submitted too quickly after opening the form; wait a few seconds.' },
  [NoticeErrorCode.SpamSuspected]: { zh: '提交内容被判定为自动程序提交。', en: 'The submission looks automated and was refused.' },
  [NoticeErrorCode.RateLimited]: { zh: '同一网络地址提交异议过于频繁，请稍后再试。', en: 'Too many objections from this address; try again later.' },
  [NoticeErrorCode.DuplicateObjection]: { zh: '已有内容相同的异议。', en: 'An objection with the same text was already filed on this notice.' },
};

export class NoticeError extends DomainError<NoticeErrorCode> {
  constructor(
    code: NoticeErrorCode,
    options: { field?: string; errors?: readonly FieldProblem[]; text?: Label; headers?: Record<string, string>; details?: Record<string, unknown> } = {},
  ) {
    super(code, options.text ?? MESSAGES[code], options.field, options.errors, options.headers, options.details);
  }
}

/** Refusal of an objection after the period, naming the closing time (UTC, ISO 8601). */
export const periodClosed = (closedAt: string): NoticeError =>
  new NoticeError(NoticeErrorCode.PeriodClosed, {
    text: { zh: `公示期已于 ${closedAt} 结束，不再接受异议。`, en: `The objection period closed at ${closedAt}.` },
    details: { closedAt },
  });
