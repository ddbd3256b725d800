import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor } from './actor.js';
import { AuthError, AuthErrorCode } from './auth-error.js';

export type RequestWithActor = FastifyRequest & { actor?: Actor };

/** The signed-in actor the AuthGuard attached to the request. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<RequestWithActor>().actor;
  if (actor === undefined) throw new AuthError(AuthErrorCode.Unauthenticated);
  return actor;
});
