import { createHash, hash } from 'node:crypto';

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

// Reused inputs for the common sizes (a 32-byte leaf, two 32-byte children), and the digest taken
// as a latin1 string: allocating a Buffer per digest costs several times the SHA-256 of 65 bytes,
// and a tree of a million leaves takes two million of them.
const LEAF_INPUT = Buffer.alloc(1 + HASH_SIZE);
const NODE_INPUT = Buffer.alloc(1 + 2 * HASH_SIZE);
NODE_INPUT[0] = 0x01;

/** SHA-256 of `input` as 32 bytes in a latin1 string. */
export const sha256Binary = (input: Uint8Array): string => hash('sha256', input, 'binary');

/** MTH({d}) = SHA-256(0x00 || d). */
export const leafHash = (leaf: Uint8Array): Buffer => {
  if (leaf.length !== HASH_SIZE) return sha256(LEAF_PREFIX, leaf);
  LEAF_INPUT.set(leaf, 1);
  return Buffer.from(sha256Binary(LEAF_INPUT), 'latin1');
};

/** SHA-256(0x01 || left || right). */
export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer => {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) return sha256(NODE_PREFIX, left, right);
  NODE_INPUT.set(left, 1);
  NODE_INPUT.set(right, 1 + HASH_SIZE);
  return Buffer.from(sha256Binary(NODE_INPUT), 'latin1');
};

/** nodeHash of two children stored in `from` (at byte offsets), written into `to` at `at`: no allocation. */
export const nodeHashInto = (from: Buffer, left: number, right: number, to: Buffer, at: number): void => {
  from.copy(NODE_INPUT, 1, left, left + HASH_SIZE);
  from.copy(NODE_INPUT, 1 + HASH_SIZE, right, right + HASH_SIZE);
  to.write(sha256Binary(NODE_INPUT), at, 'latin1');
};

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
