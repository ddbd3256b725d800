import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { sendError } from '../common/http/send-error.js';
import { OrgError, OrgErrorCode } from './org-error.js';

export const orgErrorStatus = (code: OrgErrorCode): HttpStatus => {
  switch (code) {
    case OrgErrorCode.UnitNotFound:
      return HttpStatus.NOT_FOUND;
    case OrgErrorCode.KindNotAllowedHere:
    case OrgErrorCode.CommunityTypeRequired:
    case OrgErrorCode.CommunityTypeNotAllowed:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case OrgErrorCode.UnitNameTaken:
      return HttpStatus.CONFLICT;
    case OrgErrorCode.NothingToUpdate:
      return HttpStatus.BAD_REQUEST;
  }
};

@Catch(OrgError)
export class OrgExceptionFilter implements ExceptionFilter<OrgError> {
  catch(error: OrgError, host: ArgumentsHost): void {
    sendError(host, orgErrorStatus(error.code), error);
  }
}
