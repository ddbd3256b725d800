import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsPowerOfTwo } from './is-power-of-two.validator.js';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;

const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The environment variables minyi reads, with their defaults. Validated once at start;
 * `docs/configuration.md` and the README table describe them for operators.
 */
// Decorators run bottom-up: the type check sits last so it is reported first.
export class EnvironmentVariables {
  @Transform(toInt)
  @Min(1)
  @Max(65535)
  @IsInt()
  PORT: number = 3000;

  /** `postgres://…` selects PostgreSQL; anything else is a SQLite file path (an optional `sqlite:` prefix is dropped). */
  @IsString()
  @MinLength(1)
  DATABASE_URL: string = './data/minyi.sqlite';

  /** Where minyi keeps files of its own (the generated JWT secret). */
  @IsString()
  @MinLength(1)
  MINYI_DATA_DIR: string = './data';

  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{2,39}$/, {
    message: 'MINYI_ADMIN_USERNAME must be 3–40 characters: lower-case letters, digits, ".", "_" or "-"',
  })
  MINYI_ADMIN_USERNAME?: string;

  @ValidateIf((env: EnvironmentVariables) => env.MINYI_ADMIN_USERNAME !== undefined || env.MINYI_ADMIN_PASSWORD !== undefined)
  @IsString({ message: 'MINYI_ADMIN_PASSWORD must be set when MINYI_ADMIN_USERNAME is' })
  @MinLength(10)
  @MaxLength(128)
  MINYI_ADMIN_PASSWORD?: string;

  @Transform(toInt)
  @Min(60)
  @Max(7 * 24 * 3600)
  @IsInt()
  MINYI_TOKEN_TTL_SECONDS: number = 8 * 3600;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'MINYI_JWT_SECRET must be at least 32 characters' })
  MINYI_JWT_SECRET?: string;

  @Transform(toBool)
  @IsBoolean()
  MINYI_DEMO: boolean = true;

  /**
   * scrypt CPU/memory cost N. The default 2^17 with r=8, p=1 is OWASP's first scrypt parameter
   * set (Password Storage Cheat Sheet). Tests lower it; each hash records its own parameters,
   * so raising it later keeps old passwords valid.
   */
  @Transform(toInt)
  @IsPowerOfTwo()
  @Min(1024)
  @Max(2 ** 20)
  @IsInt()
  MINYI_SCRYPT_N: number = 2 ** 17;

  @Transform(toInt)
  @Min(1)
  @Max(100)
  @IsInt()
  MINYI_LOGIN_MAX_FAILURES_PER_ACCOUNT: number = 5;

  @Transform(toInt)
  @Min(1)
  @Max(10_000)
  @IsInt()
  MINYI_LOGIN_MAX_FAILURES_PER_ADDRESS: number = 30;

  @Transform(toInt)
  @Min(1)
  @Max(86_400)
  @IsInt()
  MINYI_LOGIN_WINDOW_SECONDS: number = 900;

  /** Take the client address from X-Forwarded-For (only behind a reverse proxy you control). */
  @Transform(toBool)
  @IsBoolean()
  MINYI_TRUST_PROXY: boolean = false;

  @IsIn(LOG_LEVELS)
  MINYI_LOG_LEVEL: LogLevel = 'info';

  /** How often due timers (notice periods, deadlines) are looked for; 0 turns the loop off. */
  @Transform(toInt)
  @Min(0)
  @Max(3_600_000)
  @IsInt()
  MINYI_TIMER_POLL_MS: number = 1000;

  /** Allow any procedure at any unit, not only the default ones for its setting. */
  @Transform(toBool)
  @IsBoolean()
  MINYI_ANY_PROCEDURE: boolean = false;

  /**
   * The name of this installation's audit log: the origin line of every signed checkpoint and the
   * name of its signing key (C2SP tlog-checkpoint / signed-note), e.g. `feicui.example.cn/audit`.
   */
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}$/, {
    message: 'MINYI_ORIGIN must be 1–200 characters: letters, digits, ".", "_", ":", "/" or "-" (no spaces, no "+")',
  })
  MINYI_ORIGIN: string = 'minyi.local/audit';

  /** How often a checkpoint of the audit log is signed when entries were added; 0 signs only when a case or meeting closes. */
  @Transform(toInt)
  @Min(0)
  @Max(7 * 24 * 3_600_000)
  @IsInt()
  MINYI_CHECKPOINT_INTERVAL_MS: number = 60_000;

  /** Ed25519 checkpoint signing key (PKCS#8 PEM or base64 DER); else `$MINYI_DATA_DIR/audit-signing-key.pem`, generated once. */
  @IsOptional()
  @IsString()
  MINYI_AUDIT_SIGNING_KEY?: string;

  /** A directory each signed checkpoint is also written to (`checkpoint-<size>.txt`, `latest.txt`), e.g. a synced share. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  MINYI_CHECKPOINT_PUBLISH_DIR?: string;

  /** Comma-separated http(s) URLs each signed checkpoint is POSTed to (text/plain), retried until accepted. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s,]+(,\s*https?:\/\/[^\s,]+)*$/, { message: 'MINYI_CHECKPOINT_PUBLISH_URLS must be http(s) URLs separated by commas' })
  MINYI_CHECKPOINT_PUBLISH_URLS?: string;

  /**
   * The public address residents reach this installation at: QR codes, page links and the Atom
   * feed use it instead of the request's Host header. Checked and normalised in load-config
   * (absolute http(s), no query or fragment; trailing slash dropped).
   */
  @IsOptional()
  @IsString()
  MINYI_PUBLIC_BASE_URL?: string;

  /**
   * Tests only (NODE_ENV=test): the engine's clock stands still until a test moves it. `true`
   * starts it at 2026-01-01T00:00:00Z; an ISO timestamp starts it there.
   */
  @Matches(/^(true|false|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z)$/, {
    message: 'MINYI_MANUAL_CLOCK must be true, false or an ISO timestamp such as 2026-01-01T00:00:00Z',
  })
  MINYI_MANUAL_CLOCK: string = 'false';

  @IsOptional()
  @IsString()
  NODE_ENV?: string;
}
