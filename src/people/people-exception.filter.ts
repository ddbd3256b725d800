import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { sendError } from '../common/http/send-error.js';
import { PeopleError, PeopleErrorCode } from './people-error.js';

export const peopleErrorStatus = (code: PeopleErrorCode): HttpStatus => {
  switch (code) {
    case PeopleErrorCode.PersonNotFound:
    case PeopleErrorCode.RoleAssignmentNotFound:
      return HttpStatus.NOT_FOUND;
    case PeopleErrorCode.UsernameTaken:
    case PeopleErrorCode.RoleAlreadyAssigned:
    case PeopleErrorCode.CannotRemoveOwnAdmin:
    case PeopleErrorCode.CannotDeactivateSelf:
      return HttpStatus.CONFLICT;
    case PeopleErrorCode.OrganisationWideRoleIsAdminOnly:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case PeopleErrorCode.NothingToUpdate:
      return HttpStatus.BAD_REQUEST;
  }
};

@Catch(PeopleError)
export class PeopleExceptionFilter implements ExceptionFilter<PeopleError> {
  catch(error: PeopleError, host: ArgumentsHost): void {
    sendError(host, peopleErrorStatus(error.code), error);
  }
}
