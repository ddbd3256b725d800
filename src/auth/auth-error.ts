import type { Label } from '../../workflows/core/label.js';
import { DomainError } from '../common/errors/domain-error.js';

export enum AuthErrorCode {
  Unauthenticated = 'UNAUTHENTICATED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  TooManyAttempts = 'TOO_MANY_ATTEMPTS',
  Forbidden = 'FORBIDDEN',
}

const MESSAGES: Record<AuthErrorCode, Label> = {
  [AuthErrorCode.Unauthenticated]: { zh: '请先登录（令牌缺失、无效或已过期）。', en: 'Sign in first (the token is missing, invalid or expired).' },
  [AuthErrorCode.InvalidCredentials]: { zh: '用户名或密码不正确。', en: 'Wrong username or password.' },
  [AuthErrorCode.TooManyAttempts]: { zh: '登录失败次数过多，请稍后再试。', en: 'Too many failed sign-ins; try again later.' },
  [AuthErrorCode.Forbidden]: { zh: '您的角色无权执行此操作。', en: 'Your roles do not allow this.' },
};

export class AuthError extends DomainError<AuthErrorCode> {
  constructor(code: AuthErrorCode, options: { headers?: Record<string, string> } = {}) {
    super(code, MESSAGES[code], undefined, undefined, options.headers);
  }
}
