import { equalHash, isHash, nodeHash } from './hash.js';

/**
 * Proof verification exactly as RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency) give the
 * algorithms. Pure; every function returns false rather than throwing on malformed input.
 */

const isPowerOfTwo = (n: number): boolean => {
  let x = n;
  while (x > 1 && x % 2 === 0) x /= 2;
  return x === 1;
};

/** Inclusion of `leafHash` as leaf number `index` (0-based) in the tree of `size` with root `root`. */
export const verifyInclusion = (leafHash: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean => {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (!isHash(leafHash) || !isHash(root) || !Array.isArray(proof) || !proof.every(isHash)) return false;
  // §2.1.3.2: fn = leaf_index, sn = tree_size - 1, r = hash.
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        // until LSB(fn) is set or fn is 0: right-shift fn and sn equally
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalHash(r, root);
};

/** The tree of `second` leaves (root `secondRoot`) extends the tree of `first` leaves (root `firstRoot`). */
export const verifyConsistency = (
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean => {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second) return false;
  if (!isHash(firstRoot) || !isHash(secondRoot) || !Array.isArray(proof) || !proof.every(isHash)) return false;
  // Trivial cases the RFC leaves to the caller: an empty tree is consistent with everything, and a
  // tree with itself, with an empty proof.
  if (first === 0) return proof.length === 0;
  if (first === second) return proof.length === 0 && equalHash(firstRoot, secondRoot);
  if (proof.length === 0) return false;
  // §2.1.4.2 step 2: if first is an exact power of 2, prepend first_hash to the proof.
  const path: readonly Uint8Array[] = isPowerOfTwo(first) ? [firstRoot, ...proof] : proof;
  let fn = first - 1;
  let sn = second - 1;
  // step 4: if LSB(fn) is set, right-shift fn and sn equally until LSB(fn) is not set.
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Uint8Array = path[0] as Uint8Array;
  let sr: Uint8Array = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalHash(fr, firstRoot) && equalHash(sr, secondRoot);
};
