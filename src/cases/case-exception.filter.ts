import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { sendError } from '../common/http/send-error.js';
import { CaseError, CaseErrorCode } from './case-error.js';

export const caseErrorStatus = (code: CaseErrorCode): HttpStatus => {
  switch (code) {
    case CaseErrorCode.CaseNotFound:
    case CaseErrorCode.UnitNotFound:
    case CaseErrorCode.ProcedureNotFound:
      return HttpStatus.NOT_FOUND;
    case CaseErrorCode.InvalidConfig:
    case CaseErrorCode.UnknownEventType:
    case CaseErrorCode.InvalidPayload:
    case CaseErrorCode.BadIfMatch:
    case CaseErrorCode.BadIdempotencyKey:
    case CaseErrorCode.InvalidCursor:
      return HttpStatus.BAD_REQUEST;
    case CaseErrorCode.EventForbidden:
      return HttpStatus.FORBIDDEN;
    case CaseErrorCode.ProcedureNotAllowedHere:
    case CaseErrorCode.EventNotAllowed:
    case CaseErrorCode.GuardRejected:
    case CaseErrorCode.IdempotencyKeyReused:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case CaseErrorCode.VersionMismatch:
      return HttpStatus.PRECONDITION_FAILED;
    case CaseErrorCode.ConcurrentWrite:
    case CaseErrorCode.IdempotencyInFlight:
      return HttpStatus.CONFLICT;
  }
};

@Catch(CaseError)
export class CaseExceptionFilter implements ExceptionFilter<CaseError> {
  catch(error: CaseError, host: ArgumentsHost): void {
    sendError(host, caseErrorStatus(error.code), error);
  }
}
