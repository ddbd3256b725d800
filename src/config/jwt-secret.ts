import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './app-config.js';

export const JWT_SECRET_FILE = 'jwt-secret';

/**
 * MINYI_JWT_SECRET when set (required in production). Otherwise a random secret generated once
 * and kept in the data directory (mode 0600), so tokens survive restarts of a single-machine
 * install without anyone having to invent a secret.
 */
export const resolveJwtSecret = (config: Pick<AppConfig, 'jwtSecret' | 'dataDir'>): string => {
  if (config.jwtSecret !== null) return config.jwtSecret;
  const file = join(config.dataDir, JWT_SECRET_FILE);
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
};
