import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { CommonError, CommonErrorCode } from '../errors/common-error.js';
import { sendError } from '../http/send-error.js';

export const commonErrorStatus = (code: CommonErrorCode): HttpStatus => {
  switch (code) {
    case CommonErrorCode.ValidationFailed:
    case CommonErrorCode.InvalidId:
    case CommonErrorCode.MalformedJson:
    case CommonErrorCode.BadRequest:
      return HttpStatus.BAD_REQUEST;
    case CommonErrorCode.PayloadTooLarge:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case CommonErrorCode.UnsupportedMediaType:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case CommonErrorCode.RouteNotFound:
      return HttpStatus.NOT_FOUND;
    case CommonErrorCode.ServiceUnavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
    case CommonErrorCode.InternalError:
      return HttpStatus.INTERNAL_SERVER_ERROR;
  }
};

@Catch(CommonError)
export class CommonExceptionFilter implements ExceptionFilter<CommonError> {
  catch(error: CommonError, host: ArgumentsHost): void {
    sendError(host, commonErrorStatus(error.code), error);
  }
}
