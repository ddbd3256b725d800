import { hash } from 'node:crypto';
import { EMPTY_ROOT } from './hash.js';

const LOWER_HEX_64 = /^[0-9a-f]{64}$/;

/**
 * The RFC 9162 tree head of a stream of leaves, in O(log n) memory: the roots of the complete
 * subtrees of the prefix seen so far (a "compact range" from 0), largest first. Appending merges
 * equal-sized subtrees; the root of the prefix is those roots folded right to left, exactly
 * MTH(D[0:n]) of §2.1.1 (k = the largest power of two < n is always the first stored subtree).
 * For verifiers that read every leaf once: `MerkleTree` keeps every node for proofs instead.
 *
 * Hashing uses `crypto.hash` (one call, no Hash object) on reused input buffers, and keeps the
 * digests as 32-character latin1 strings: a million leaves are two million SHA-256 of 33 and 65
 * bytes, where allocating a Buffer for each digest costs several times the hash itself.
 */
export class MerkleStream {
  /** Subtree roots (32 bytes as latin1 strings), left to right; heights[i] = log2 of the leaves under roots[i]. */
  private readonly roots: string[] = [];
  private readonly heights: number[] = [];
  private readonly leafInput = Buffer.alloc(33);
  private readonly nodeInput = Buffer.alloc(65);
  private count = 0;

  constructor() {
    this.leafInput[0] = 0x00;
    this.nodeInput[0] = 0x01;
  }

  get size(): number {
    return this.count;
  }

  /** Appends the leaf whose data is the 32 bytes `entryHashHex` spells (an audit entry's hash). */
  appendEntryHash(entryHashHex: string): void {
    if (!LOWER_HEX_64.test(entryHashHex)) throw new TypeError(`not a lower-case 64-hex entry hash: ${String(entryHashHex).slice(0, 80)}`);
    this.leafInput.write(entryHashHex, 1, 'hex');
    this.push(hash('sha256', this.leafInput, 'binary'));
  }

  /** Appends a leaf hash already computed (SHA-256(0x00 || leaf)). */
  appendLeafHash(leafHash: Uint8Array): void {
    if (leafHash.length !== 32) throw new TypeError('a leaf hash is 32 bytes');
    this.push(Buffer.from(leafHash).toString('latin1'));
  }

  private push(leaf: string): void {
    let node = leaf;
    let height = 0;
    while (this.heights.length > 0 && this.heights[this.heights.length - 1] === height) {
      this.heights.pop();
      node = this.node(this.roots.pop() as string, node);
      height += 1;
    }
    this.roots.push(node);
    this.heights.push(height);
    this.count += 1;
  }

  private node(left: string, right: string): string {
    this.nodeInput.write(left, 1, 'latin1');
    this.nodeInput.write(right, 33, 'latin1');
    return hash('sha256', this.nodeInput, 'binary');
  }

  /** MTH of the leaves appended so far. */
  root(): Buffer {
    if (this.roots.length === 0) return Buffer.from(EMPTY_ROOT);
    let root = this.roots[this.roots.length - 1] as string;
    for (let i = this.roots.length - 2; i >= 0; i -= 1) root = this.node(this.roots[i] as string, root);
    return Buffer.from(root, 'latin1');
  }
}
