import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ActorService } from './actor.service.js';
import { AuthError, AuthErrorCode } from './auth-error.js';
import type { RequestWithActor } from './current-actor.decorator.js';
import { IS_PUBLIC } from './public.decorator.js';
import type { TokenClaims } from './token-claims.js';
import { VerifiedTokens } from './verified-tokens.js';

/** Global guard: every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  /** Signatures already checked (see VerifiedTokens for why this is safe); the person is still loaded every time. */
  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly actors: ActorService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(request.headers.authorization ?? '');
    if (match === null) throw new AuthError(AuthErrorCode.Unauthenticated);
    const token = match[1] as string;
    let claims = this.verified.get(token);
    if (claims === undefined) {
      try {
        // algorithm, issuer, audience and expiry are pinned in the JwtModule's verifyOptions
        claims = await this.jwt.verifyAsync<TokenClaims>(token);
      } catch {
        throw new AuthError(AuthErrorCode.Unauthenticated);
      }
      // jsonwebtoken accepts a token without `exp`; ours always carry one, so its absence is a forgery
      if (typeof claims.sub !== 'string' || typeof claims.ver !== 'number' || typeof claims.exp !== 'number') throw new AuthError(AuthErrorCode.Unauthenticated);
      this.verified.remember(token, claims);
    }
    const actor = await this.actors.load(claims.sub, claims.ver);
    if (actor === null) throw new AuthError(AuthErrorCode.Unauthenticated);
    request.actor = actor;
    return true;
  }
}
