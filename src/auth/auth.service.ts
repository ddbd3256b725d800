import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { JsonLogger } from '../common/logging/json-logger.js';
import { PersonEntity } from '../people/person.entity.js';
import { toPersonDto, toRoleAssignmentDto } from '../people/person.mapper.js';
import type { Actor } from './actor.js';
import { AuthError, AuthErrorCode } from './auth-error.js';
import type { MeDto } from './dto/me.dto.js';
import type { TokenDto } from './dto/token.dto.js';
import { LoginThrottle } from './login-throttle.js';
import { PasswordHasher } from './password-hasher.js';
import type { TokenClaims } from './token-claims.js';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(PersonEntity) private readonly people: Repository<PersonEntity>,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly logger: JsonLogger,
  ) {}

  /**
   * Every failure gets the same answer after the same work (an unknown user is checked against a
   * dummy hash), so neither the body nor the timing tells whether the username exists.
   */
  async login(usernameGiven: string, password: string, address: string): Promise<TokenDto> {
    const username = usernameGiven.trim().toLowerCase();
    const wait = await this.throttle.retryAfter(username, address);
    if (wait > 0) {
      this.logger.event('warn', 'sign-in refused', { username, address, reason: 'throttled', retryAfter: wait }, 'AuthService');
      throw new AuthError(AuthErrorCode.TooManyAttempts, { headers: { 'retry-after': String(wait) } });
    }
    const person = await this.people.findOneBy({ username });
    const matches = person === null ? await this.hasher.verifyAgainstDummy(password) : await this.hasher.verify(password, person.passwordHash);
    if (person === null || !matches || !person.active) {
      await this.throttle.recordFailure(username, address);
      const reason = person === null ? 'unknown_user' : !matches ? 'wrong_password' : 'inactive';
      this.logger.event('warn', 'sign-in failed', { username, address, reason }, 'AuthService');
      throw new AuthError(AuthErrorCode.InvalidCredentials);
    }
    await this.throttle.recordSuccess(username);
    if (this.hasher.needsRehash(person.passwordHash)) {
      await this.people.update({ id: person.id }, { passwordHash: await this.hasher.hash(password) });
    }
    this.logger.event('info', 'signed in', { personId: person.id, username, address }, 'AuthService');
    const claims: TokenClaims = { sub: person.id, ver: person.sessionVersion };
    return { accessToken: await this.jwt.signAsync({ ...claims }), expiresIn: this.config.tokenTtlSeconds };
  }

  async me(actor: Actor): Promise<MeDto> {
    const person = await this.people.findOneByOrFail({ id: actor.personId });
    return { person: toPersonDto(person, true), roles: actor.roles.map(toRoleAssignmentDto) };
  }
}
