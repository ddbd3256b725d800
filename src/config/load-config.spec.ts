import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.js';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
};

describe(loadConfig.name, () => {
  it('defaults to port 3000, the SQLite file in ./data, the demo on and OWASP scrypt parameters', () => {
    const sut = loadConfig({});
    expect(sut.port).toBe(3000);
    expect(sut.database).toEqual({ type: 'sqlite', path: './data/minyi.sqlite' });
    expect(sut.demo).toBe(true);
    expect(sut.scrypt).toEqual({ N: 131072, r: 8, p: 1 });
    expect(sut.admin).toBeNull();
  });

  it('selects PostgreSQL for a postgres:// URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).database).toEqual({ type: 'postgres', url: 'postgres://u@h:5432/db' });
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.sqlite' }).database).toEqual({ type: 'sqlite', path: '/tmp/x.sqlite' });
  });

  it('reads switches and numbers from strings', () => {
    const sut = loadConfig({ PORT: '8080', MINYI_DEMO: 'false', MINYI_SCRYPT_N: '16384', MINYI_TOKEN_TTL_SECONDS: '600' });
    expect([sut.port, sut.demo, sut.scrypt.N, sut.tokenTtlSeconds]).toEqual([8080, false, 16384, 600]);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ MINYI_DEMO: 'maybe' }, 'MINYI_DEMO'],
    [{ MINYI_SCRYPT_N: '1000' }, 'MINYI_SCRYPT_N'],
    [{ MINYI_JWT_SECRET: 'short' }, 'MINYI_JWT_SECRET'],
    [{ MINYI_ADMIN_USERNAME: 'boss' }, 'MINYI_ADMIN_PASSWORD'],
    [{ MINYI_ADMIN_PASSWORD: 'long-enough-password' }, 'MINYI_ADMIN_USERNAME'],
    [{ MINYI_ADMIN_USERNAME: 'Bad Name', MINYI_ADMIN_PASSWORD: 'long-enough-password' }, 'MINYI_ADMIN_USERNAME'],
    [{ MINYI_LOG_LEVEL: 'loud' }, 'MINYI_LOG_LEVEL'],
    [{ MINYI_DEMOO: 'false' }, 'MINYI_DEMOO'],
    [{ NODE_ENV: 'production' }, 'MINYI_JWT_SECRET'],
  ])('refuses %j, naming %s', (env, variable) => {
    const problems = problemsOf(env);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toContain(variable);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', MINYI_JWT_SECRET: '' }).port).toBe(3000);
  });
});
