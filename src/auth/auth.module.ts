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
import { LoginThrottle } from './login-throttle.js';
import { PasswordHasher } from './password-hasher.js';
import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from './token-claims.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([PersonEntity, RoleAssignmentEntity]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: resolveJwtSecret(config),
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
    { provide: LoginThrottle, inject: [AppConfig], useFactory: (config: AppConfig) => new LoginThrottle(config.login) },
  ],
  // the root module registers AuthGuard globally (APP_GUARD), which needs these two
  exports: [PasswordHasher, ActorService, JwtModule],
})
export class AuthModule {}
