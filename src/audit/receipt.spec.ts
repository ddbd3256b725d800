import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signStatement } from './archive/signed-statement.js';
import { genesisHash, sealEntry, type AuditEntry } from './audit-entry.js';
import { rawPublicKey, signCheckpoint, verifierKey } from './checkpoint-note.js';
import { MerkleTree, auditLeafHash } from './merkle/index.js';
import { RECEIPT_FORMAT, receiptLines, verifyReceipt, type ReceiptFile } from './receipt.js';

const NAME = 'feicui.example.cn/audit';
const { privateKey } = generateKeyPairSync('ed25519');
const key = { name: NAME, publicKey: rawPublicKey(privateKey) };
const CASE = '3bf8eb77-5c1a-4e8a-9f43-2d6c1b7e9a10';

const entryAt = (globalSeq: number, caseSeq: number): AuditEntry =>
  sealEntry({
    globalSeq,
    caseId: CASE,
    caseSeq,
    recordedAt: `2026-01-05T08:00:0${caseSeq}.000Z`,
    actor: { kind: 'person', personId: 'p1', role: 'council_clerk', unitId: 'u1', as: 'role' },
    kind: caseSeq === 1 ? 'case.created' : 'case.event',
    eventType: caseSeq === 1 ? 'case.created' : 'topic.accept',
    payload: {},
    stateBefore: null,
    stateAfter: 'topic',
    procedureId: 'five-step',
    procedureVersion: 1,
    prevHash: genesisHash(CASE),
  });

/** A receipt for the entry at global sequence 3 of a five-entry log, with its proof against a checkpoint of size 5. */
const build = (): ReceiptFile => {
  const entries = [1, 2, 3, 4, 5].map((g) => entryAt(g, g));
  const tree = MerkleTree.of(entries.map((e) => auditLeafHash(e.hash)));
  const entry = entries[2] as AuditEntry;
  return {
    format: RECEIPT_FORMAT,
    statement: signStatement(receiptLines(NAME, entry), NAME, privateKey),
    verifierKey: verifierKey(NAME, key.publicKey),
    entry,
    inclusion: {
      treeSize: 5,
      rootHash: tree.root(5).toString('hex'),
      proof: tree.inclusionProof(2, 5).map((h) => Buffer.from(h).toString('hex')),
      checkpoint: signCheckpoint({ origin: NAME, size: 5, root: tree.root(5) }, NAME, privateKey),
    },
  };
};

describe(verifyReceipt.name, () => {
  it('verifies a receipt file, its entry and its inclusion proof; and the bare statement', () => {
    const sut = verifyReceipt(JSON.stringify(build()), key);
    expect(sut).toMatchObject({ valid: true, caseId: CASE, caseSeq: 3, globalSeq: 3, includedIn: 5, key: { fromReceipt: false }, problems: [] });
    expect(verifyReceipt(build().statement, key)).toMatchObject({ valid: true, includedIn: null });
  });

  it('takes the receipt’s own key when given none, and says so', () => {
    expect(verifyReceipt(JSON.stringify(build()), null)).toMatchObject({ valid: true, key: { fromReceipt: true } });
    expect(verifyReceipt(build().statement, null)).toMatchObject({ valid: false, problems: [{ code: 'NO_KEY' }] });
  });

  it('refuses a forged signature, an altered statement or entry, a broken proof, a checkpoint by another key', () => {
    const good = build();
    const other = generateKeyPairSync('ed25519').privateKey;
    const codes = (file: unknown, k = key) => verifyReceipt(typeof file === 'string' ? file : JSON.stringify(file), k).problems.map((p) => p.code);
    expect(codes({ ...good, statement: signStatement(receiptLines(NAME, good.entry), NAME, other) })).toEqual(['RECEIPT_SIGNATURE']);
    expect(codes({ ...good, statement: good.statement.replace('\n3\n3\n', '\n4\n3\n') })).toEqual(['RECEIPT_SIGNATURE']);
    expect(codes({ ...good, entry: { ...good.entry, payload: { forged: true } } })).toEqual(['RECEIPT_ENTRY_MISMATCH']);
    expect(codes({ ...good, entry: entryAt(4, 4) })).toEqual(['RECEIPT_ENTRY_MISMATCH']);
    expect(codes({ ...good, inclusion: { ...good.inclusion, proof: [...(good.inclusion?.proof ?? [])].reverse() } })).toEqual(['INCLUSION_FAILED']);
    const forgedCheckpoint = signCheckpoint({ origin: NAME, size: 5, root: Buffer.from(good.inclusion?.rootHash ?? '', 'hex') }, NAME, other);
    expect(codes({ ...good, inclusion: { ...good.inclusion, checkpoint: forgedCheckpoint } })).toEqual(['CHECKPOINT_SIGNATURE']);
    expect(codes('{ not json')).toEqual(['RECEIPT_MALFORMED', 'RECEIPT_MALFORMED']);
    // a statement of another type signed by the right key is no receipt
    expect(codes(signStatement(['minyi/archive-manifest/v1', NAME, '5', 'AAAA', 'a'.repeat(64)], NAME, privateKey))).toEqual(['RECEIPT_MALFORMED']);
  });
});
