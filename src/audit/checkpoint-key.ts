import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SIGNING_KEY_FILE = 'audit-signing-key.pem';

/** Reads an Ed25519 private key given as PKCS#8 PEM or as base64 of the PKCS#8 DER. */
export const parseSigningKey = (text: string): KeyObject => {
  const trimmed = text.trim();
  const key = trimmed.startsWith('-----BEGIN')
    ? createPrivateKey({ key: trimmed, format: 'pem' })
    : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the audit signing key must be Ed25519, not ${key.asymmetricKeyType ?? 'unknown'}`);
  return key;
};

/**
 * The checkpoint signing key: MINYI_AUDIT_SIGNING_KEY when set; otherwise
 * `$MINYI_DATA_DIR/audit-signing-key.pem`, generated (mode 0600) on first start. Either way it
 * lives outside the database, so whoever can rewrite the database cannot sign for it.
 */
export const resolveSigningKey = (configured: string | null, dataDir: string): { key: KeyObject; source: 'environment' | 'file' | 'generated' } => {
  if (configured !== null) return { key: parseSigningKey(configured), source: 'environment' };
  const file = join(dataDir, SIGNING_KEY_FILE);
  if (existsSync(file)) return { key: parseSigningKey(readFileSync(file, 'utf8')), source: 'file' };
  mkdirSync(dataDir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  return { key: privateKey, source: 'generated' };
};
