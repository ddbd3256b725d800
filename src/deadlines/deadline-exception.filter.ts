import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { sendError } from '../common/http/send-error.js';
import { DeadlineError, DeadlineErrorCode } from './deadline-error.js';

export const deadlineErrorStatus = (code: DeadlineErrorCode): HttpStatus => {
  switch (code) {
    case DeadlineErrorCode.UnitNotFound:
    case DeadlineErrorCode.NotConfigured:
      return HttpStatus.NOT_FOUND;
    case DeadlineErrorCode.UnknownProcedure:
    case DeadlineErrorCode.UnknownState:
      return HttpStatus.BAD_REQUEST;
    case DeadlineErrorCode.Forbidden:
      return HttpStatus.FORBIDDEN;
    case DeadlineErrorCode.ProcedureNotHere:
    case DeadlineErrorCode.FinalState:
      return HttpStatus.UNPROCESSABLE_ENTITY;
  }
};

@Catch(DeadlineError)
export class DeadlineExceptionFilter implements ExceptionFilter<DeadlineError> {
  catch(error: DeadlineError, host: ArgumentsHost): void {
    sendError(host, deadlineErrorStatus(error.code), error);
  }
}
