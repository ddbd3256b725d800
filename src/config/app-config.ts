import type { LogLevel } from './env.schema.js';

export type DatabaseConfig =
  | { readonly type: 'sqlite'; readonly path: string }
  | { readonly type: 'postgres'; readonly url: string };

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export interface LoginThrottleConfig {
  readonly maxFailuresPerAccount: number;
  readonly maxFailuresPerAddress: number;
  readonly windowSeconds: number;
}

export interface EngineConfig {
  readonly timerPollMs: number;
  readonly anyProcedure: boolean;
  /** Tests only: a clock that stands still until moved. */
  readonly manualClock: Date | null;
}

export interface AuditLogConfig {
  /** Origin line of the checkpoints and name of the signing key. */
  readonly origin: string;
  /** Periodic checkpoints; 0 = only when a case or meeting closes. */
  readonly checkpointIntervalMs: number;
  /** MINYI_AUDIT_SIGNING_KEY, or null: the key file in the data directory. */
  readonly signingKey: string | null;
  /** Where signed checkpoints are published besides the database. */
  readonly publishDir?: string | null;
  readonly publishUrls?: readonly string[];
}

/** The validated configuration; also the injection token (see ConfigModule). */
export class AppConfig {
  constructor(
    readonly port: number,
    readonly database: DatabaseConfig,
    readonly dataDir: string,
    readonly admin: { readonly username: string; readonly password: string } | null,
    readonly tokenTtlSeconds: number,
    readonly jwtSecret: string | null,
    readonly demo: boolean,
    readonly scrypt: ScryptParams,
    readonly login: LoginThrottleConfig,
    readonly trustProxy: boolean,
    readonly logLevel: LogLevel,
    readonly production: boolean,
    readonly engine: EngineConfig,
    readonly audit: AuditLogConfig = { origin: 'minyi.local/audit', checkpointIntervalMs: 60_000, signingKey: null },
    /** MINYI_PUBLIC_BASE_URL, normalised (no trailing slash); null: public links follow the request's host. */
    readonly publicBaseUrl: string | null = null,
  ) {}
}
