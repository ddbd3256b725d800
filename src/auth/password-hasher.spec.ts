import { describe, expect, it } from 'vitest';
import { PasswordHasher } from './password-hasher.js';

describe(PasswordHasher.name, () => {
  const sut = new PasswordHasher({ N: 1024, r: 8, p: 1 });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await sut.hash('correct horse battery');
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(stored).not.toContain('correct horse');
    await expect(sut.verify('correct horse battery', stored)).resolves.toBe(true);
    await expect(sut.verify('correct horse batterY', stored)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await sut.hash('same password')).not.toBe(await sut.hash('same password'));
  });

  it('verifies hashes made with other parameters and flags weaker ones for rehashing', async () => {
    const old = await new PasswordHasher({ N: 1024, r: 8, p: 1 }).hash('password one');
    const stronger = new PasswordHasher({ N: 2048, r: 8, p: 1 });
    await expect(stronger.verify('password one', old)).resolves.toBe(true);
    expect(stronger.needsRehash(old)).toBe(true);
  });

  it('fails against the dummy hash and against garbage', async () => {
    await expect(sut.verifyAgainstDummy('anything')).resolves.toBe(false);
    await expect(sut.verify('x', 'not-a-hash')).resolves.toBe(false);
  });
});
