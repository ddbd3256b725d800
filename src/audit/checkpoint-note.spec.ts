import { createHash, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIGNING_KEY_FILE, parseSigningKey, resolveSigningKey } from './checkpoint-key.js';
import { checkpointText, keyId, parseCheckpoint, rawPublicKey, signCheckpoint, verifierKey, verifyCheckpoint } from './checkpoint-note.js';

const root = createHash('sha256').update('root').digest();

describe('checkpoint notes (C2SP tlog-checkpoint + signed-note, Ed25519)', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pub = rawPublicKey(privateKey);
  const name = 'feicui.example.cn/audit';

  it('writes the three checkpoint lines and one signature line over them', () => {
    const note = signCheckpoint({ origin: name, size: 42, root }, name, privateKey);
    const text = `${name}\n42\n${root.toString('base64')}\n`;
    expect(checkpointText({ origin: name, size: 42, root })).toBe(text);
    expect(note.startsWith(`${text}\n\u2014 ${name} `)).toBe(true);
    const sig = Buffer.from(note.trimEnd().split(' ').at(-1) as string, 'base64');
    expect(sig.length).toBe(68);
    const expectedId = createHash('sha256').update(Buffer.concat([Buffer.from(`${name}\n`), Buffer.of(1), pub])).digest().subarray(0, 4);
    expect(sig.subarray(0, 4)).toEqual(expectedId);
    expect(keyId(name, pub)).toEqual(expectedId);
    expect(verifierKey(name, pub)).toBe(`${name}+${expectedId.toString('hex')}+${Buffer.concat([Buffer.of(1), pub]).toString('base64')}`);
    const check = verifyCheckpoint(note, name, pub, name);
    expect(check.ok).toBe(true);
    expect(parseCheckpoint(note)).toMatchObject({ origin: name, size: 42, root });
  });

  it('matches the test vector in docs/audit-format.md byte for byte', () => {
    const seeded = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.alloc(32, 0x42)]), format: 'der', type: 'pkcs8' });
    const rfcRoot = Buffer.from('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328', 'hex');
    const note = signCheckpoint({ origin: 'example.org/audit', size: 8, root: rfcRoot }, 'example.org/audit', seeded);
    expect(note).toBe(
      'example.org/audit\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n\u2014 example.org/audit Ua2r6QWOEcgTOoydhf7eSnrVqvt7hh/tFMvZVKq7jlgbKQv4yVXVasKlcLpmlKl/6T39ttpq+h+JDmYdGUrpsoIcGA0=\n',
    );
    expect(verifierKey('example.org/audit', rawPublicKey(seeded))).toBe('example.org/audit+51adabe9+ASFS+NGbeR0kRTJC4V8uq2y3z/p7al7TAJeWDgaYgdsS');
  });

  it('refuses an altered note, another key, another origin, malformed text', () => {
    const note = signCheckpoint({ origin: name, size: 42, root }, name, privateKey);
    expect(verifyCheckpoint(note.replace('\n42\n', '\n43\n'), name, pub)).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
    const other = generateKeyPairSync('ed25519').privateKey;
    const forged = signCheckpoint({ origin: name, size: 42, root }, name, other);
    expect(verifyCheckpoint(forged, name, pub)).toMatchObject({ ok: false, reason: 'NO_SIGNATURE_BY_KEY' });
    expect(verifyCheckpoint(note, name, pub, 'other.example/audit')).toMatchObject({ ok: false, reason: 'WRONG_ORIGIN' });
    expect(verifyCheckpoint('nonsense', name, pub)).toMatchObject({ ok: false, reason: 'MALFORMED' });
    expect(verifyCheckpoint(note.replace('\u2014', '--'), name, pub)).toMatchObject({ ok: false, reason: 'MALFORMED' });
    // a second signature by an unknown key is ignored
    expect(verifyCheckpoint(`${note}\u2014 someone.else ${Buffer.alloc(68, 1).toString('base64')}\n`, name, pub).ok).toBe(true);
  });

  it('keeps the key outside the database: environment (PEM or base64 DER) or a 0600 file generated once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'minyi-key-'));
    try {
      const first = resolveSigningKey(null, dir);
      expect(first.source).toBe('generated');
      expect(statSync(join(dir, SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
      const again = resolveSigningKey(null, dir);
      expect(again.source).toBe('file');
      expect(rawPublicKey(again.key)).toEqual(rawPublicKey(first.key));
      const pem = readFileSync(join(dir, SIGNING_KEY_FILE), 'utf8');
      expect(rawPublicKey(resolveSigningKey(pem, '/nonexistent').key)).toEqual(rawPublicKey(first.key));
      const der = first.key.export({ format: 'der', type: 'pkcs8' }).toString('base64');
      expect(rawPublicKey(parseSigningKey(der))).toEqual(rawPublicKey(first.key));
      const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      expect(() => parseSigningKey(rsa)).toThrow(/Ed25519/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
