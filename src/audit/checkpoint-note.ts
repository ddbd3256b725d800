import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Checkpoints in the C2SP `tlog-checkpoint` format, signed as a C2SP `signed-note` with Ed25519.
 * Pure apart from node:crypto: the offline verifier uses the same functions.
 *
 *     <origin>\n
 *     <tree size, decimal>\n
 *     <base64 root hash>\n
 *     \n
 *     — <key name> <base64(4-byte key id || 64-byte Ed25519 signature)>\n
 *
 * The signature covers the note text: the three lines including the last newline (not the blank
 * line). Key id = SHA-256(key name || 0x0A || 0x01 || 32-byte public key)[0:4].
 */
export const ED25519_TYPE = 0x01;
const EM_DASH = '\u2014';

export interface CheckpointBody {
  readonly origin: string;
  readonly size: number;
  /** 32 bytes. */
  readonly root: Buffer;
}

export interface NoteSignature {
  readonly name: string;
  readonly keyId: Buffer;
  readonly signature: Buffer;
}

export interface ParsedCheckpoint extends CheckpointBody {
  /** The signed text (the checkpoint lines, ending in a newline). */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export class CheckpointFormatError extends Error {}

/** The raw 32-byte Ed25519 public key of a key object (the last 32 bytes of its SPKI DER). */
export const rawPublicKey = (key: KeyObject): Buffer => {
  const spki = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'der', type: 'spki' });
  return Buffer.from(spki.subarray(spki.length - 32));
};

/** Ed25519 SPKI DER prefix (RFC 8410): turns 32 raw bytes back into a key object. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
export const publicKeyFromRaw = (raw: Uint8Array): KeyObject => createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });

/** C2SP signed-note key id for an Ed25519 key. */
export const keyId = (name: string, publicKey: Uint8Array): Buffer =>
  createHash('sha256').update(Buffer.from(name, 'utf8')).update(Uint8Array.of(0x0a, ED25519_TYPE)).update(publicKey).digest().subarray(0, 4);

/** The verifier key text: `<name>+<hex key id>+<base64(0x01 || public key)>`. */
export const verifierKey = (name: string, publicKey: Uint8Array): string =>
  `${name}+${keyId(name, publicKey).toString('hex')}+${Buffer.concat([Uint8Array.of(ED25519_TYPE), publicKey]).toString('base64')}`;

const validName = (name: string) => name.length > 0 && !/[\s+]/u.test(name);

export const checkpointText = ({ origin, size, root }: CheckpointBody): string => {
  if (!validName(origin)) throw new CheckpointFormatError('the origin must be non-empty, without spaces or "+"');
  if (!Number.isSafeInteger(size) || size < 0) throw new CheckpointFormatError('bad tree size');
  if (root.length !== 32) throw new CheckpointFormatError('the root hash is 32 bytes');
  return `${origin}\n${size}\n${root.toString('base64')}\n`;
};

/** Signs the checkpoint: the whole signed note, as stored and served. */
export const signCheckpoint = (body: CheckpointBody, name: string, privateKey: KeyObject): string => {
  if (!validName(name)) throw new CheckpointFormatError('the key name must be non-empty, without spaces or "+"');
  const text = checkpointText(body);
  const signature = sign(null, Buffer.from(text, 'utf8'), privateKey);
  const id = keyId(name, rawPublicKey(privateKey));
  return `${text}\n${EM_DASH} ${name} ${Buffer.concat([id, signature]).toString('base64')}\n`;
};

const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Parses a signed checkpoint. Throws CheckpointFormatError on anything malformed. */
export const parseCheckpoint = (note: string): ParsedCheckpoint => {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) throw new CheckpointFormatError('control characters in the note');
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new CheckpointFormatError('no blank line before the signatures');
  const text = note.slice(0, split + 1);
  const lines = text.slice(0, -1).split('\n');
  const [origin, sizeLine, rootLine] = lines;
  if (origin === undefined || sizeLine === undefined || rootLine === undefined || !validName(origin)) throw new CheckpointFormatError('a checkpoint has an origin, a size and a root hash');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine) || !Number.isSafeInteger(Number(sizeLine))) throw new CheckpointFormatError('bad tree size');
  if (!B64.test(rootLine)) throw new CheckpointFormatError('bad root hash');
  const root = Buffer.from(rootLine, 'base64');
  if (root.length !== 32) throw new CheckpointFormatError('the root hash is not 32 bytes');
  const signatures: NoteSignature[] = [];
  for (const line of note.slice(split + 2, -1).split('\n')) {
    const match = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (match === null || !B64.test(match[2] as string)) throw new CheckpointFormatError('malformed signature line');
    const bytes = Buffer.from(match[2] as string, 'base64');
    if (bytes.length < 5) throw new CheckpointFormatError('signature too short');
    signatures.push({ name: match[1] as string, keyId: bytes.subarray(0, 4), signature: bytes.subarray(4) });
  }
  if (signatures.length === 0) throw new CheckpointFormatError('no signature');
  return { origin, size: Number(sizeLine), root, text, signatures };
};

export type CheckpointCheck =
  | { readonly ok: true; readonly checkpoint: ParsedCheckpoint }
  | { readonly ok: false; readonly reason: 'MALFORMED' | 'NO_SIGNATURE_BY_KEY' | 'BAD_SIGNATURE' | 'WRONG_ORIGIN'; readonly detail: string };

/**
 * Verifies a signed checkpoint against a trusted key (name + raw public key) and, when given, the
 * expected origin. As C2SP signed-note says: signatures by unknown keys are ignored; a signature
 * by the known key that does not verify rejects the note.
 */
export const verifyCheckpoint = (note: string, name: string, publicKey: Uint8Array, origin?: string): CheckpointCheck => {
  let parsed: ParsedCheckpoint;
  try {
    parsed = parseCheckpoint(note);
  } catch (error) {
    if (error instanceof CheckpointFormatError) return { ok: false, reason: 'MALFORMED', detail: error.message };
    throw error;
  }
  if (origin !== undefined && parsed.origin !== origin) return { ok: false, reason: 'WRONG_ORIGIN', detail: `origin "${parsed.origin}", expected "${origin}"` };
  const id = keyId(name, publicKey);
  const mine = parsed.signatures.find((s) => s.name === name && s.keyId.equals(id));
  if (mine === undefined) return { ok: false, reason: 'NO_SIGNATURE_BY_KEY', detail: `no signature by ${name}+${id.toString('hex')}` };
  if (mine.signature.length !== 64 || !verify(null, Buffer.from(parsed.text, 'utf8'), publicKeyFromRaw(publicKey), mine.signature)) {
    return { ok: false, reason: 'BAD_SIGNATURE', detail: 'the signature does not verify' };
  }
  return { ok: true, checkpoint: parsed };
};
