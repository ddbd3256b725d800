import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rawPublicKey } from '../checkpoint-note.js';
import { verifyCheckpoint } from '../checkpoint-note.js';
import { signStatement, verifyStatement } from './signed-statement.js';

const seeded = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.alloc(32, 0x42)]), format: 'der', type: 'pkcs8' });
const NAME = 'example.org/audit';
const key = { name: NAME, publicKey: rawPublicKey(seeded) };
const LINES = ['minyi/receipt/v1', NAME, '3bf8eb77-5c1a-4e8a-9f43-2d6c1b7e9a10', '2', '7', 'a'.repeat(64), '2026-01-05T08:00:00.000Z'];

/** The test vector of docs/audit-format.md § Receipts (Ed25519 is deterministic). */
const VECTOR = `minyi/receipt/v1
example.org/audit
3bf8eb77-5c1a-4e8a-9f43-2d6c1b7e9a10
2
7
${'a'.repeat(64)}
2026-01-05T08:00:00.000Z

— example.org/audit Ua2r6U32lJ0X2Mo4hzeJDlVdDluJq5EXJHbXgTxW68tgG1koNhwsoLh2Ju54od9AWy6vCETBgtr1riTznRb1240m2gs=
`;

describe('signed statements', () => {
  it('signs the documented test vector byte for byte and verifies it', () => {
    const sut = signStatement(LINES, NAME, seeded);
    expect(sut).toBe(VECTOR);
    expect(verifyStatement(sut, 'minyi/receipt/v1', key)).toEqual({ ok: true, lines: LINES });
  });

  it('refuses an altered line, another key, another type, and a note that is no note', () => {
    const altered = VECTOR.replace('\n2\n7\n', '\n3\n7\n');
    expect(verifyStatement(altered, 'minyi/receipt/v1', key)).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
    const other = generateKeyPairSync('ed25519').privateKey;
    expect(verifyStatement(signStatement(LINES, NAME, other), 'minyi/receipt/v1', key)).toMatchObject({ ok: false, reason: 'NO_SIGNATURE_BY_KEY' });
    expect(verifyStatement(VECTOR, 'minyi/archive-manifest/v1', key)).toMatchObject({ ok: false, reason: 'MALFORMED' });
    expect(verifyStatement('minyi/receipt/v1\n', 'minyi/receipt/v1', key)).toMatchObject({ ok: false, reason: 'MALFORMED' });
    expect(verifyStatement(VECTOR.replace('\n\n', '\r\n\n'), 'minyi/receipt/v1', key)).toMatchObject({ ok: false, reason: 'MALFORMED' });
  });

  it('ignores signatures of other keys, as signed-note says, but not a bad one by the trusted key', () => {
    const other = signStatement(LINES, 'witness.example', generateKeyPairSync('ed25519').privateKey).split('\n\n')[1] as string;
    expect(verifyStatement(`${VECTOR}${other}`, 'minyi/receipt/v1', key)).toMatchObject({ ok: true });
    const mine = VECTOR.split('\n\n')[1] as string;
    const broken = mine.replace(/.{6}=\n$/u, 'AAAAAA=\n');
    expect(verifyStatement(`${VECTOR.split('\n\n')[0] as string}\n\n${broken}`, 'minyi/receipt/v1', key)).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('cannot pass for a checkpoint, nor a checkpoint for a statement', () => {
    expect(verifyCheckpoint(VECTOR, NAME, key.publicKey)).toMatchObject({ ok: false, reason: 'MALFORMED' });
    expect(() => signStatement(['minyi/receipt/v1', ''], NAME, seeded)).toThrow();
    expect(() => signStatement(['minyi/receipt/v1', 'a\nb'], NAME, seeded)).toThrow();
  });
});
