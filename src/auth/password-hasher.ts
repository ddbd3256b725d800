import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { ScryptParams } from '../config/app-config.js';

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

const derive = (password: string, salt: Buffer, { N, r, p }: ScryptParams): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is below OWASP's N=2^17, r=8.
    const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });

const b64 = (buffer: Buffer): string => buffer.toString('base64url');

/**
 * scrypt password hashes in the self-describing form `scrypt$N$r$p$salt$hash`, so a hash made
 * with an older cost still verifies after MINYI_SCRYPT_N changes.
 */
export class PasswordHasher {
  /** A hash of a random password: what an unknown username is checked against, to take the same time. */
  private dummy: Promise<string> | null = null;

  constructor(private readonly params: ScryptParams) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_LENGTH);
    const key = await derive(password, salt, this.params);
    const { N, r, p } = this.params;
    return `scrypt$${N}$${r}$${p}$${b64(salt)}$${b64(key)}`;
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
    const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
    const salt = Buffer.from(parts[4] as string, 'base64url');
    const expected = Buffer.from(parts[5] as string, 'base64url');
    const key = await derive(password, salt, { N, r, p });
    return key.length === expected.length && timingSafeEqual(key, expected);
  }

  /** Spends the same work as a real verification and always fails. */
  async verifyAgainstDummy(password: string): Promise<false> {
    this.dummy ??= this.hash(randomBytes(24).toString('base64url'));
    await this.verify(password, await this.dummy);
    return false;
  }

  /** Whether a stored hash was made with weaker parameters than the configured ones. */
  needsRehash(stored: string): boolean {
    const [, N] = stored.split('$');
    return Number(N) < this.params.N;
  }
}
