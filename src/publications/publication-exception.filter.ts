import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { sendError } from '../common/http/send-error.js';
import { PublicationError, PublicationErrorCode } from './publication-error.js';

export const publicationErrorStatus = (code: PublicationErrorCode): HttpStatus => {
  switch (code) {
    case PublicationErrorCode.UnitNotFound:
    case PublicationErrorCode.PublicationNotFound:
      return HttpStatus.NOT_FOUND;
    case PublicationErrorCode.PeriodInvalid:
      return HttpStatus.BAD_REQUEST;
    case PublicationErrorCode.Forbidden:
      return HttpStatus.FORBIDDEN;
    case PublicationErrorCode.ChainBusy:
      return HttpStatus.CONFLICT;
    case PublicationErrorCode.NotAVillage:
    case PublicationErrorCode.PeriodNotStarted:
      return HttpStatus.UNPROCESSABLE_ENTITY;
  }
};

@Catch(PublicationError)
export class PublicationExceptionFilter implements ExceptionFilter<PublicationError> {
  catch(error: PublicationError, host: ArgumentsHost): void {
    sendError(host, publicationErrorStatus(error.code), error);
  }
}
