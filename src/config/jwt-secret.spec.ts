import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JWT_SECRET_FILE, resolveJwtSecret } from './jwt-secret.js';

describe(resolveJwtSecret.name, () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'minyi-secret-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('uses the configured secret and writes nothing', () => {
    const dataDir = tempDir();
    expect(resolveJwtSecret({ jwtSecret: 'x'.repeat(32), dataDir })).toBe('x'.repeat(32));
    expect(() => statSync(join(dataDir, JWT_SECRET_FILE))).toThrow();
  });

  it('generates a secret once, readable by the owner only, and reuses it', () => {
    const dataDir = join(tempDir(), 'nested');
    const sut = resolveJwtSecret({ jwtSecret: null, dataDir });
    expect(sut.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dataDir, JWT_SECRET_FILE)).mode & 0o077).toBe(0);
    expect(readFileSync(join(dataDir, JWT_SECRET_FILE), 'utf8').trim()).toBe(sut);
    expect(resolveJwtSecret({ jwtSecret: null, dataDir })).toBe(sut);
  });
});
