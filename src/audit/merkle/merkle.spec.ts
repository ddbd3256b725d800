import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_ROOT, auditLeaf, leafHash, nodeHash } from './hash.js';
import { verifyConsistency, verifyInclusion } from './proofs.js';
import { MerkleStream } from './stream.js';
import { MerkleTree, splitPoint } from './tree.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => Buffer.from(s, 'hex');

// The RFC 6962 reference tree (certificate-transparency merkle_tree_test, transparency-dev/merkle testonly).
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(unhex);
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const INCLUSION = [
  { index: 0, size: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { index: 5, size: 8, proof: ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { index: 0, size: 1, proof: [] },
];
const CONSISTENCY = [
  { first: 1, second: 1, proof: [] },
  { first: 2, second: 8, proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { first: 6, second: 8, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
];

/** MTH straight from RFC 9162 §2.1.1, no caching: the reference the incremental tree must match. */
const naiveRoot = (leaves: readonly Uint8Array[]): Buffer => {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return Buffer.from(leaves[0] as Uint8Array);
  const k = splitPoint(leaves.length);
  return nodeHash(naiveRoot(leaves.slice(0, k)), naiveRoot(leaves.slice(k)));
};

describe('RFC 6962 reference vectors', () => {
  const tree = MerkleTree.of(LEAVES.map(leafHash));

  it('empty root, and the tree head for sizes 1..8', () => {
    expect(hex(new MerkleTree().root())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    for (let n = 1; n <= 8; n += 1) {
      expect(hex(tree.root(n))).toBe(ROOTS[n - 1]);
      expect(hex(MerkleTree.of(LEAVES.slice(0, n).map(leafHash)).root())).toBe(ROOTS[n - 1]);
    }
  });

  it('inclusion proofs', () => {
    for (const v of INCLUSION) {
      expect(tree.inclusionProof(v.index, v.size).map(hex)).toEqual(v.proof);
      expect(verifyInclusion(tree.leafHash(v.index), v.index, v.size, v.proof.map(unhex), unhex(ROOTS[v.size - 1] as string))).toBe(true);
    }
  });

  it('consistency proofs', () => {
    for (const v of CONSISTENCY) {
      expect(tree.consistencyProof(v.first, v.second).map(hex)).toEqual(v.proof);
      expect(verifyConsistency(v.first, v.second, unhex(ROOTS[v.first - 1] as string), unhex(ROOTS[v.second - 1] as string), v.proof.map(unhex))).toBe(true);
    }
  });

  it('degenerate cases', () => {
    const r8 = tree.root(8);
    const r4 = tree.root(4);
    expect(verifyConsistency(0, 8, EMPTY_ROOT, r8, [])).toBe(true);
    expect(verifyConsistency(0, 8, EMPTY_ROOT, r8, [r4])).toBe(false);
    expect(verifyConsistency(4, 4, r4, r4, [])).toBe(true);
    expect(verifyConsistency(4, 4, r4, r8, [])).toBe(false);
    expect(verifyConsistency(8, 4, r8, r4, [])).toBe(false);
    expect(verifyConsistency(4, 8, r4, r8, [])).toBe(false);
    expect(verifyInclusion(tree.leafHash(0), 8, 8, [], r8)).toBe(false);
    expect(verifyInclusion(tree.leafHash(0), -1, 8, [], r8)).toBe(false);
    expect(verifyInclusion(Buffer.alloc(31), 0, 8, tree.inclusionProof(0, 8), r8)).toBe(false);
    expect(() => tree.inclusionProof(8, 8)).toThrow(RangeError);
    expect(() => tree.root(9)).toThrow(RangeError);
    expect(() => tree.consistencyProof(5, 3)).toThrow(RangeError);
  });

  it('the leaf of an audit entry is the 32 bytes of its hash', () => {
    const h = createHash('sha256').update('x').digest('hex');
    expect(hex(auditLeaf(h))).toBe(h);
    expect(() => auditLeaf(h.toUpperCase())).toThrow(TypeError);
  });
});

describe('every proof of small trees (exhaustive, sizes 0..48)', () => {
  const N = 48;
  const leaves = Array.from({ length: N }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));
  const tree = MerkleTree.of(leaves);
  const roots = Array.from({ length: N + 1 }, (_, n) => tree.root(n));

  it('roots equal the recursive definition; every inclusion and consistency proof verifies', () => {
    for (let n = 0; n <= N; n += 1) {
      expect(hex(roots[n] as Buffer)).toBe(hex(naiveRoot(leaves.slice(0, n))));
      for (let i = 0; i < n; i += 1) expect(verifyInclusion(leaves[i] as Buffer, i, n, tree.inclusionProof(i, n), roots[n] as Buffer)).toBe(true);
      for (let m = 0; m <= n; m += 1) expect(verifyConsistency(m, n, roots[m] as Buffer, roots[n] as Buffer, tree.consistencyProof(m, n))).toBe(true);
    }
  });
});

/**
 * A random tree of 3,000 leaves. The full cross product (4.5 M inclusion proofs, 4.5 M consistency
 * proofs) is too slow for a unit test, so fast-check samples: 400 (size, index) pairs and 400
 * (first, second) pairs per run, each checked genuine and with every corruption below; the
 * exhaustive check above covers every shape of small tree.
 */
describe('property: proofs of a random 3,000-leaf tree', () => {
  const SIZE = 3000;
  const leaves = Array.from({ length: SIZE }, () => leafHash(createHash('sha256').update(Math.random().toString()).digest()));
  const tree = MerkleTree.of(leaves);
  const roots = new Map<number, Buffer>();
  const rootOf = (n: number) => {
    let r = roots.get(n);
    if (r === undefined) {
      r = tree.root(n);
      roots.set(n, r);
    }
    return r;
  };
  const flip = (proof: Buffer[], at: number, byte: number): Buffer[] =>
    proof.map((p, i) => {
      if (i !== at) return p;
      const copy = Buffer.from(p);
      copy[byte % 32] = (copy[byte % 32] as number) ^ 0x01;
      return copy;
    });

  it('the incremental root equals the recursive definition (sampled sizes)', () => {
    for (const n of [1, 2, 3, 1023, 1024, 1025, 2047, 2999, 3000]) expect(hex(rootOf(n))).toBe(hex(naiveRoot(leaves.slice(0, n))));
  });

  it('inclusion proofs verify; corrupted ones fail', () => {
    const pair = fc.integer({ min: 1, max: SIZE }).chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 }), fc.nat(), fc.nat()));
    fc.assert(
      fc.property(pair, ([size, index, at, byte]) => {
        const proof = tree.inclusionProof(index, size);
        const root = rootOf(size);
        const leaf = leaves[index] as Buffer;
        expect(verifyInclusion(leaf, index, size, proof, root)).toBe(true);
        if (proof.length > 0) {
          expect(verifyInclusion(leaf, index, size, flip(proof, at % proof.length, byte), root)).toBe(false);
          expect(verifyInclusion(leaf, index, size, proof.slice(0, -1), root)).toBe(false);
        }
        expect(verifyInclusion(leaf, index, size, [...proof, Buffer.alloc(32, 7)], root)).toBe(false);
        if (size > 1) expect(verifyInclusion(leaf, (index + 1 + (at % (size - 1))) % size, size, proof, root)).toBe(false);
        if (size < SIZE) expect(verifyInclusion(leaf, index, size + 1, proof, rootOf(size + 1))).toBe(false);
        if (index < size - 1 && size > 1) expect(verifyInclusion(leaf, index, size - 1, proof, rootOf(size - 1))).toBe(false);
        expect(verifyInclusion(leaves[(index + 1) % SIZE] as Buffer, index, size, proof, root)).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('consistency proofs verify; corrupted ones fail', () => {
    const pair = fc.integer({ min: 1, max: SIZE }).chain((second) => fc.tuple(fc.integer({ min: 1, max: second }), fc.constant(second), fc.nat(), fc.nat()));
    fc.assert(
      fc.property(pair, ([first, second, at, byte]) => {
        const proof = tree.consistencyProof(first, second);
        const r1 = rootOf(first);
        const r2 = rootOf(second);
        expect(verifyConsistency(first, second, r1, r2, proof)).toBe(true);
        if (proof.length > 0) {
          expect(verifyConsistency(first, second, r1, r2, flip(proof, at % proof.length, byte))).toBe(false);
          expect(verifyConsistency(first, second, r1, r2, proof.slice(0, -1))).toBe(false);
        }
        expect(verifyConsistency(first, second, r1, r2, [...proof, Buffer.alloc(32, 9)])).toBe(false);
        if (first < second) {
          // a wrong size on either side, or an unrelated old root
          if (first > 1) expect(verifyConsistency(first - 1, second, rootOf(first - 1), r2, proof)).toBe(false);
          if (second < SIZE) expect(verifyConsistency(first, second + 1, r1, rootOf(second + 1), proof)).toBe(false);
          expect(verifyConsistency(first, second, Buffer.alloc(32, 1), r2, proof)).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe(MerkleStream.name, () => {
  it('has the RFC 6962 reference roots at every size', () => {
    const sut = new MerkleStream();
    expect(hex(sut.root())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    LEAVES.forEach((leaf, i) => {
      sut.appendLeafHash(leafHash(leaf));
      expect(hex(sut.root())).toBe(ROOTS[i]);
    });
  });

  it('streams the root of every prefix as the full tree computes it, from entry hashes (sizes 0..600)', () => {
    const hashes = Array.from({ length: 600 }, (_, i) => createHash('sha256').update(`entry ${i}`).digest('hex'));
    const tree = MerkleTree.of(hashes.map((h) => leafHash(auditLeaf(h))));
    const sut = new MerkleStream();
    for (let n = 1; n <= hashes.length; n += 1) {
      sut.appendEntryHash(hashes[n - 1] as string);
      expect(sut.size).toBe(n);
      expect(hex(sut.root())).toBe(hex(tree.root(n)));
    }
  });

  it('refuses what auditLeaf refuses', () => {
    const sut = new MerkleStream();
    const h = createHash('sha256').update('x').digest('hex');
    expect(() => sut.appendEntryHash(h.toUpperCase())).toThrow(TypeError);
    expect(() => sut.appendEntryHash(h.slice(1))).toThrow(TypeError);
    expect(() => sut.appendLeafHash(Buffer.alloc(31))).toThrow(TypeError);
    expect(sut.size).toBe(0);
  });
});
