import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.js';
import { resolveJwtSecret } from '../config/jwt-secret.js';
import { PersonEntity } from '../people/person.entity.js';
import { RoleAssignmentEntity } from '../people/role-assignment.entity.js';
import { ActorService } from './actor.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { RateLimitModule } from '../common/rate-limit/rate-limit.module.js';
import { SharedRateLimit } from '../common/rate-limit/shared-rate-limit.js';
import { Clock } from '../timers/clock.js';
import { LoginThrottle } from './login-throttle.js';
import { PasswordHasher } from './password-hasher.js';
import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from './token-claims.js';

@Module({
  imports: [
    RateLimitModule,
    TypeOrmModule.forFeature([PersonEntity, RoleAssignmentEntity]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails) to parse
        // it as a PEM public key on every verify — a thrown exception per request, a quarter of
        // the server's CPU under load (docs/performance.md) — before making exactly this key.
        secret: createSecretKey(Buffer.from(resolveJwtSecret(config), 'utf8')),
        signOptions: { algorithm: TOKEN_ALGORITHM, expiresIn: config.tokenTtlSeconds, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE },
        // pinned: a token signed with another algorithm (or "none") is refused
        verifyOptions: { algorithms: [TOKEN_ALGORITHM], issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    ActorService,
    AuthService,
    { provide: PasswordHasher, inject: [AppConfig], useFactory: (config: AppConfig) => new PasswordHasher(config.scrypt) },
    {
      provide: LoginThrottle,
      inject: [AppConfig, SharedRateLimit, Clock],
      // the engine clock, like every other time limit (tests control it)
      useFactory: (config: AppConfig, counts: SharedRateLimit, clock: Clock) => new LoginThrottle(config.login, counts, () => clock.now().getTime()),
    },
  ],
  // the root module registers AuthGuard globally (APP_GUARD), which needs these two
  exports: [PasswordHasher, ActorService, JwtModule],
})
export class AuthModule {}
