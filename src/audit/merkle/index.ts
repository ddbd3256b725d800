export { EMPTY_ROOT, HASH_SIZE, auditLeaf, auditLeafHash, equalHash, leafHash, nodeHash } from './hash.js';
export { verifyConsistency, verifyInclusion } from './proofs.js';
export { MerkleTree, splitPoint } from './tree.js';
export { MerkleStream } from './stream.js';
