import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { sendError } from '../common/http/send-error.js';
import { NoticeError, NoticeErrorCode } from './notice-error.js';

export const noticeErrorStatus = (code: NoticeErrorCode): HttpStatus => {
  switch (code) {
    case NoticeErrorCode.NoticeNotFound:
    case NoticeErrorCode.UnitNotFound:
      return HttpStatus.NOT_FOUND;
    case NoticeErrorCode.FormInvalid:
    case NoticeErrorCode.SpamSuspected:
      return HttpStatus.BAD_REQUEST;
    case NoticeErrorCode.NoticeForbidden:
      return HttpStatus.FORBIDDEN;
    case NoticeErrorCode.NoticeChanged:
    case NoticeErrorCode.DuplicateObjection:
      return HttpStatus.CONFLICT;
    case NoticeErrorCode.NoticeNotRunning:
    case NoticeErrorCode.PeriodClosed:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case NoticeErrorCode.FormTooFresh:
    case NoticeErrorCode.RateLimited:
      return HttpStatus.TOO_MANY_REQUESTS;
  }
};

@Catch(NoticeError)
export class NoticeExceptionFilter implements ExceptionFilter<NoticeError> {
  catch(error: NoticeError, host: ArgumentsHost): void {
    sendError(host, noticeErrorStatus(error.code), error);
  }
}
