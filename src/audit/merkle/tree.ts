import { EMPTY_ROOT, HASH_SIZE, isHash, nodeHash, nodeHashInto } from './hash.js';

/** A growable array of 32-byte hashes in one buffer (a million leaves are 32 MB, not a million objects); parents are hashed straight into it. */
class HashArray {
  buffer = Buffer.alloc(HASH_SIZE * 64);
  length = 0;

  /** Makes room for one more hash; returns its byte offset. */
  private next(): number {
    if ((this.length + 1) * HASH_SIZE > this.buffer.length) {
      const bigger = Buffer.alloc(this.buffer.length * 2);
      this.buffer.copy(bigger);
      this.buffer = bigger;
    }
    this.length += 1;
    return (this.length - 1) * HASH_SIZE;
  }

  push(hash: Uint8Array): void {
    const at = this.next(); // may replace this.buffer
    this.buffer.set(hash, at);
  }

  /** Appends the parent of two adjacent hashes of `children`. */
  pushParent(children: HashArray, left: number): void {
    const at = this.next();
    nodeHashInto(children.buffer, left * HASH_SIZE, (left + 1) * HASH_SIZE, this.buffer, at);
  }

  get(index: number): Buffer {
    const start = index * HASH_SIZE;
    return this.buffer.subarray(start, start + HASH_SIZE);
  }
}

/** Largest power of two strictly less than n (n ≥ 2): RFC 9162's k. */
export const splitPoint = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/**
 * An append-only RFC 9162 Merkle tree over leaf hashes. Keeps every complete, aligned subtree
 * (level h holds the roots of the subtrees of 2^h leaves starting at multiples of 2^h), so
 * appending costs amortised O(1) hashes and at most O(log n), and the root of any earlier size,
 * any inclusion proof and any consistency proof cost O(log² n) lookups and hashes. Pure: no I/O.
 */
export class MerkleTree {
  private readonly levels: HashArray[] = [new HashArray()];

  /** Builds a tree from leaf hashes (already `leafHash`ed). */
  static of(leafHashes: Iterable<Uint8Array>): MerkleTree {
    const tree = new MerkleTree();
    for (const leaf of leafHashes) tree.append(leaf);
    return tree;
  }

  get size(): number {
    return (this.levels[0] as HashArray).length;
  }

  /** Appends one leaf hash (SHA-256(0x00 || leaf)); completes the subtrees it closes. */
  append(leafHash: Uint8Array): void {
    if (!isHash(leafHash)) throw new TypeError('a leaf hash is 32 bytes');
    (this.levels[0] as HashArray).push(leafHash);
    let level = 0;
    let index = this.size - 1;
    while (index % 2 === 1) {
      const here = this.levels[level] as HashArray;
      level += 1;
      if (this.levels.length === level) this.levels.push(new HashArray());
      (this.levels[level] as HashArray).pushParent(here, index - 1);
      index = (index - 1) / 2;
    }
  }

  leafHash(index: number): Buffer {
    this.checkSize(index + 1);
    return (this.levels[0] as HashArray).get(index);
  }

  /** MTH(D[start:end]) for a range RFC 9162's recursion produces (start aligned to the split). */
  private subtreeHash(start: number, end: number): Buffer {
    const n = end - start;
    if (n === 0) return EMPTY_ROOT;
    // A complete aligned subtree is stored.
    const height = Math.log2(n);
    if (Number.isInteger(height) && start % n === 0) {
      const level = this.levels[height];
      if (level !== undefined && start / n < level.length) return level.get(start / n);
    }
    const k = splitPoint(n);
    return nodeHash(this.subtreeHash(start, start + k), this.subtreeHash(start + k, end));
  }

  /** The tree head (root hash) of the first `size` leaves; the current size by default. */
  root(size = this.size): Buffer {
    this.checkSize(size);
    return this.subtreeHash(0, size);
  }

  /** RFC 9162 §2.1.3.1 PATH(m, D[0:size]): the audit path of leaf `index` (0-based). */
  inclusionProof(index: number, size = this.size): Buffer[] {
    this.checkSize(size);
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
    const proof: Buffer[] = [];
    const path = (m: number, start: number, end: number): void => {
      const n = end - start;
      if (n <= 1) return;
      const k = splitPoint(n);
      if (m < k) {
        path(m, start, start + k);
        proof.push(this.subtreeHash(start + k, end));
      } else {
        path(m - k, start + k, end);
        proof.push(this.subtreeHash(start, start + k));
      }
    };
    path(index, 0, size);
    return proof;
  }

  /** RFC 9162 §2.1.4.1 PROOF(first, D[0:second]). Empty when first is 0 or equals second. */
  consistencyProof(first: number, second = this.size): Buffer[] {
    this.checkSize(second);
    if (!Number.isSafeInteger(first) || first < 0 || first > second) throw new RangeError(`no consistency proof from ${first} to ${second}`);
    if (first === 0 || first === second) return [];
    const proof: Buffer[] = [];
    const subproof = (m: number, start: number, end: number, b: boolean): void => {
      const n = end - start;
      if (m === n) {
        if (!b) proof.push(this.subtreeHash(start, end));
        return;
      }
      const k = splitPoint(n);
      if (m <= k) {
        subproof(m, start, start + k, b);
        proof.push(this.subtreeHash(start + k, end));
      } else {
        subproof(m - k, start + k, end, false);
        proof.push(this.subtreeHash(start, start + k));
      }
    };
    subproof(first, 0, second, true);
    return proof;
  }

  private checkSize(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.size) throw new RangeError(`the tree has ${this.size} leaves, not ${size}`);
  }
}
