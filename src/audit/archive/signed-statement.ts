import { sign, verify, type KeyObject } from 'node:crypto';
import { keyId, publicKeyFromRaw, rawPublicKey, verifierKey } from '../checkpoint-note.js';

/**
 * Signed statements other than checkpoints — archive manifests and event receipts — as C2SP
 * signed-notes with the installation's Ed25519 checkpoint key:
 *
 *     <type line, e.g. minyi/receipt/v1>\n
 *     <more lines>\n
 *     \n
 *     — <key name> <base64(4-byte key id || 64-byte Ed25519 signature)>\n
 *
 * The signature covers the text (every line up to and including the newline before the blank
 * line). The first line names the statement type, never the origin, so no statement can be read
 * as a checkpoint (whose first line is the origin and second a tree size) and the other way round.
 */
const EM_DASH = '\u2014';

export interface StatementKey {
  readonly name: string;
  readonly publicKey: Buffer;
}

/** Reads a verifier key text (`<name>+<hex key id>+<base64(0x01 || public key)>`); null unless it is well formed and its key id matches. */
export const parseVerifierKey = (text: string): StatementKey | null => {
  const match = /^(\S+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(text.trim());
  if (match === null) return null;
  const bytes = Buffer.from(match[3] as string, 'base64');
  if (bytes.length !== 33 || bytes[0] !== 1) return null;
  const key = { name: match[1] as string, publicKey: bytes.subarray(1) };
  return verifierKey(key.name, key.publicKey) === text.trim() ? key : null;
};

export const signStatement = (lines: readonly string[], name: string, privateKey: KeyObject): string => {
  // eslint-disable-next-line no-control-regex
  for (const line of lines) if (line.length === 0 || /[\u0000-\u001f]/u.test(line)) throw new Error('statement lines are non-empty, without control characters');
  const text = lines.map((l) => `${l}\n`).join('');
  const signature = sign(null, Buffer.from(text, 'utf8'), privateKey);
  return `${text}\n${EM_DASH} ${name} ${Buffer.concat([keyId(name, rawPublicKey(privateKey)), signature]).toString('base64')}\n`;
};

export type StatementCheck =
  | { readonly ok: true; readonly lines: readonly string[] }
  | { readonly ok: false; readonly reason: 'MALFORMED' | 'NO_SIGNATURE_BY_KEY' | 'BAD_SIGNATURE'; readonly detail: string };

/** Verifies a statement of `type` (its first line) with a trusted key; signatures of other keys are ignored. */
export const verifyStatement = (note: string, type: string, key: StatementKey): StatementCheck => {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/u.test(note) || !note.endsWith('\n')) return { ok: false, reason: 'MALFORMED', detail: 'control characters or no final newline' };
  const split = note.indexOf('\n\n');
  if (split < 0) return { ok: false, reason: 'MALFORMED', detail: 'no blank line before the signatures' };
  const text = note.slice(0, split + 1);
  const lines = text.slice(0, -1).split('\n');
  if (lines[0] !== type) return { ok: false, reason: 'MALFORMED', detail: `not a ${type} statement` };
  const id = keyId(key.name, key.publicKey);
  let found = false;
  for (const line of note.slice(split + 2, -1).split('\n')) {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/u.exec(line);
    if (match === null) return { ok: false, reason: 'MALFORMED', detail: 'malformed signature line' };
    const bytes = Buffer.from(match[2] as string, 'base64');
    if (match[1] !== key.name || bytes.length < 4 || !bytes.subarray(0, 4).equals(id)) continue;
    found = true;
    const signature = bytes.subarray(4);
    if (signature.length !== 64 || !verify(null, Buffer.from(text, 'utf8'), publicKeyFromRaw(key.publicKey), signature)) {
      return { ok: false, reason: 'BAD_SIGNATURE', detail: 'the signature does not verify' };
    }
  }
  if (!found) return { ok: false, reason: 'NO_SIGNATURE_BY_KEY', detail: `no signature by ${key.name}+${id.toString('hex')}` };
  return { ok: true, lines };
};
