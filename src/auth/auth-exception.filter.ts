import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { sendError } from '../common/http/send-error.js';
import { AuthError, AuthErrorCode } from './auth-error.js';

export const authErrorStatus = (code: AuthErrorCode): HttpStatus => {
  switch (code) {
    case AuthErrorCode.Unauthenticated:
    case AuthErrorCode.InvalidCredentials:
      return HttpStatus.UNAUTHORIZED;
    case AuthErrorCode.TooManyAttempts:
      return HttpStatus.TOO_MANY_REQUESTS;
    case AuthErrorCode.Forbidden:
      return HttpStatus.FORBIDDEN;
  }
};

@Catch(AuthError)
export class AuthExceptionFilter implements ExceptionFilter<AuthError> {
  catch(error: AuthError, host: ArgumentsHost): void {
    sendError(host, authErrorStatus(error.code), error);
  }
}
