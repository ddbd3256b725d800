import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { AppConfig, type DatabaseConfig } from './app-config.js';
import { EnvironmentVariables } from './env.schema.js';
import { parsePublicBaseUrl } from './public-base-url.js';

/** A configuration problem; the message names every offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Variables minyi reads; any other `MINYI_*` variable is almost certainly a typo. */
const KNOWN = new Set<string>([
  ...Object.keys(new EnvironmentVariables()),
  'MINYI_ADMIN_USERNAME',
  'MINYI_ADMIN_PASSWORD',
  'MINYI_JWT_SECRET',
  'MINYI_AUDIT_SIGNING_KEY',
  'MINYI_CHECKPOINT_PUBLISH_DIR',
  'MINYI_CHECKPOINT_PUBLISH_URLS',
  'MINYI_PUBLIC_BASE_URL',
  'NODE_ENV',
  // read by the test harness only
  'MINYI_TEST_DATABASE_URL',
]);

const describe = (error: ValidationError): string[] =>
  Object.values(error.constraints ?? {}).map((message) =>
    message.startsWith(error.property) ? message : `${error.property}: ${message}`,
  );

export const parseDatabaseUrl = (url: string): DatabaseConfig => {
  if (/^postgres(ql)?:\/\//i.test(url)) return { type: 'postgres', url };
  const path = url.replace(/^sqlite:(\/\/)?/i, '');
  return { type: 'sqlite', path };
};

/** Reads and validates the environment. Throws ConfigError naming each bad variable. */
export const loadConfig = (env: Readonly<Record<string, string | undefined>>): AppConfig => {
  const given: Record<string, string> = {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value.trim() === '') continue;
    if (name.startsWith('MINYI_') && !KNOWN.has(name)) {
      problems.push(`${name} is not a variable minyi knows (a typo?)`);
      continue;
    }
    if (KNOWN.has(name) || name === 'PORT' || name === 'DATABASE_URL') given[name] = value;
  }
  const vars = plainToInstance(EnvironmentVariables, given);
  for (const error of validateSync(vars, { forbidUnknownValues: false, stopAtFirstError: true })) problems.push(...describe(error));

  const production = vars.NODE_ENV === 'production';
  if (production && vars.MINYI_JWT_SECRET === undefined) {
    problems.push('MINYI_JWT_SECRET must be set when NODE_ENV=production (at least 32 random characters)');
  }
  if (vars.MINYI_ADMIN_PASSWORD !== undefined && vars.MINYI_ADMIN_USERNAME === undefined) {
    problems.push('MINYI_ADMIN_USERNAME must be set when MINYI_ADMIN_PASSWORD is');
  }
  const publicBaseUrl = vars.MINYI_PUBLIC_BASE_URL === undefined ? null : parsePublicBaseUrl(vars.MINYI_PUBLIC_BASE_URL);
  if (publicBaseUrl && !publicBaseUrl.ok) problems.push(publicBaseUrl.problem);
  if (problems.length > 0) throw new ConfigError(problems);

  return new AppConfig(
    vars.PORT,
    parseDatabaseUrl(vars.DATABASE_URL),
    vars.MINYI_DATA_DIR,
    vars.MINYI_ADMIN_USERNAME !== undefined && vars.MINYI_ADMIN_PASSWORD !== undefined
      ? { username: vars.MINYI_ADMIN_USERNAME, password: vars.MINYI_ADMIN_PASSWORD }
      : null,
    vars.MINYI_TOKEN_TTL_SECONDS,
    vars.MINYI_JWT_SECRET ?? null,
    vars.MINYI_DEMO,
    { N: vars.MINYI_SCRYPT_N, r: 8, p: 1 },
    {
      maxFailuresPerAccount: vars.MINYI_LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerAddress: vars.MINYI_LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowSeconds: vars.MINYI_LOGIN_WINDOW_SECONDS,
    },
    vars.MINYI_TRUST_PROXY,
    vars.MINYI_LOG_LEVEL,
    production,
    {
      timerPollMs: vars.MINYI_TIMER_POLL_MS,
      anyProcedure: vars.MINYI_ANY_PROCEDURE,
      manualClock:
        vars.NODE_ENV !== 'test' || vars.MINYI_MANUAL_CLOCK === 'false'
          ? null
          : new Date(vars.MINYI_MANUAL_CLOCK === 'true' ? '2026-01-01T00:00:00.000Z' : vars.MINYI_MANUAL_CLOCK),
    },
    {
      origin: vars.MINYI_ORIGIN,
      checkpointIntervalMs: vars.MINYI_CHECKPOINT_INTERVAL_MS,
      signingKey: vars.MINYI_AUDIT_SIGNING_KEY ?? null,
      publishDir: vars.MINYI_CHECKPOINT_PUBLISH_DIR ?? null,
      publishUrls: (vars.MINYI_CHECKPOINT_PUBLISH_URLS ?? '').split(',').map((u) => u.trim()).filter((u) => u !== ''),
    },
    publicBaseUrl?.ok ? publicBaseUrl.url : null,
  );
};
