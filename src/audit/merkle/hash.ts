import { createHash } from 'node:crypto';

/**
 * RFC 6962 / RFC 9162 §2.1.1 hashing with SHA-256. Pure, no I/O: the offline verifier and the
 * server compute the same bytes.
 */
export const HASH_SIZE = 32;

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest();
};

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** MTH({}) = SHA-256() — the root of the empty tree. */
export const EMPTY_ROOT: Buffer = sha256();

/** MTH({d}) = SHA-256(0x00 || d). */
export const leafHash = (leaf: Uint8Array): Buffer => sha256(LEAF_PREFIX, leaf);

/** SHA-256(0x01 || left || right). */
export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer => sha256(NODE_PREFIX, left, right);

/**
 * The leaf of an audit entry: the 32 raw bytes of its `hash` (hex-decoded). The entry hash already
 * binds every field (globalSeq, caseId, payload, prevHash, …), so the tree binds them too.
 */
export const auditLeaf = (entryHashHex: string): Buffer => {
  if (!/^[0-9a-f]{64}$/.test(entryHashHex)) throw new TypeError(`not a lower-case 64-hex entry hash: ${entryHashHex.slice(0, 80)}`);
  return Buffer.from(entryHashHex, 'hex');
};

export const auditLeafHash = (entryHashHex: string): Buffer => leafHash(auditLeaf(entryHashHex));

export const isHash = (value: unknown): value is Uint8Array => value instanceof Uint8Array && value.length === HASH_SIZE;

export const equalHash = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && Buffer.compare(a, b) === 0;
