import { describe, expect, it } from 'vitest';
import { genesisHash, sealEntry, type AuditEntry, type AuditEntryFields } from './audit-entry.js';
import { globalSequenceGaps, verifyCaseChain } from './chain-verifier.js';

const build = (caseId: string, count: number): AuditEntry[] => {
  const entries: AuditEntry[] = [];
  let prevHash = genesisHash(caseId);
  for (let i = 1; i <= count; i += 1) {
    const fields: AuditEntryFields = {
      globalSeq: i * 2,
      caseId,
      caseSeq: i,
      recordedAt: `2026-01-0${i}T08:00:00.000Z`,
      actor: { kind: 'person', personId: 'p1', role: 'council_clerk', unitId: 'u1', as: 'role' },
      kind: i === 1 ? 'case.created' : 'case.event',
      eventType: i === 1 ? 'case.created' : 'research.addFinding',
      payload: { summary: `发现${i}` },
      stateBefore: i === 1 ? null : 'research',
      stateAfter: 'research',
      procedureId: 'five-step',
      procedureVersion: 1,
      prevHash,
    };
    const entry = sealEntry(fields);
    entries.push(entry);
    prevHash = entry.hash;
  }
  return entries;
};

describe(verifyCaseChain.name, () => {
  const sut = verifyCaseChain;

  it('accepts an intact chain', () => {
    expect(sut('c1', build('c1', 4))).toEqual([]);
  });

  it('names the first altered entry when a payload is edited', () => {
    const entries = build('c1', 4);
    entries[2] = { ...entries[2], payload: { summary: '改过的' } } as AuditEntry;
    expect(sut('c1', entries).map((p) => [p.code, p.caseSeq])).toEqual([['HASH_MISMATCH', 3]]);
  });

  it('detects an entry deleted from the middle', () => {
    const entries = build('c1', 4);
    entries.splice(1, 1);
    const codes = sut('c1', entries).map((p) => p.code);
    expect(codes).toContain('CASE_SEQ_GAP');
    expect(codes).toContain('LINK_BROKEN');
  });

  it('detects entries swapped in order', () => {
    const entries = build('c1', 4);
    [entries[1], entries[2]] = [entries[2] as AuditEntry, entries[1] as AuditEntry];
    expect(sut('c1', entries)[0]).toMatchObject({ code: 'CASE_SEQ_GAP', caseSeq: 3 });
  });

  it('detects an altered entry whose hash was recomputed: the next link breaks', () => {
    const entries = build('c1', 3);
    const forged = sealEntry({ ...(entries[1] as AuditEntry), payload: { summary: '伪造' } });
    entries[1] = forged;
    expect(sut('c1', entries).map((p) => [p.code, p.caseSeq])).toEqual([['LINK_BROKEN', 3]]);
  });

  it('refuses a chain copied from another case (the genesis is bound to the case)', () => {
    expect(sut('c2', build('c1', 2)).map((p) => p.code)).toEqual(['WRONG_CASE', 'LINK_BROKEN', 'WRONG_CASE']);
  });

  it('refuses an empty chain', () => {
    expect(sut('c1', []).map((p) => p.code)).toEqual(['EMPTY_CHAIN']);
  });
});

describe(globalSequenceGaps.name, () => {
  it('finds the missing global sequence numbers', () => {
    expect(globalSequenceGaps([1, 2, 3, 4])).toEqual([]);
    expect(globalSequenceGaps([1, 2, 5, 6, 8])).toEqual([
      { from: 3, to: 4 },
      { from: 7, to: 7 },
    ]);
    expect(globalSequenceGaps([2, 3])).toEqual([{ from: 1, to: 1 }]);
  });
});
