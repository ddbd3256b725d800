import { describe, expect, it } from 'vitest';
import { contentHashOf, linkHashOf, publicationGenesis, verifyPublicationChain, type StoredPublication } from './publication-chain.js';

const UNIT = '0b5c3c4e-6f33-4a8e-9a43-8a8c0c2b7f10';
const build = (n: number): StoredPublication[] => {
  const items: StoredPublication[] = [];
  let prev = publicationGenesis(UNIT);
  for (let seq = 1; seq <= n; seq += 1) {
    const content = { unitId: UNIT, matter: 'finances', period: `2026-Q${seq}`, title: `第${seq}季度财务收支`, body: `收入 ${seq} 万元` };
    const contentHash = contentHashOf(content);
    const link = { unitId: UNIT, seq, publicationId: `p${seq}`, contentHash, publishedAt: `2026-0${seq}-05T02:00:00.000Z`, publishedBy: { personId: 'x', role: 'village_committee', unitId: UNIT }, prevHash: prev };
    const hash = linkHashOf(link);
    items.push({ content, link, storedContentHash: contentHash, storedHash: hash });
    prev = hash;
  }
  return items;
};

describe(verifyPublicationChain.name, () => {
  it('accepts an untouched chain', () => {
    expect(verifyPublicationChain(UNIT, build(3))).toEqual([]);
  });

  it('names an edited body, a removed link and a chain moved to another village', () => {
    const edited = build(3);
    edited[1] = { ...edited[1]!, content: { ...edited[1]!.content, body: '收入 0 万元' } };
    expect(verifyPublicationChain(UNIT, edited).map((p) => [p.code, p.seq])).toEqual([['CONTENT_HASH_MISMATCH', 2]]);
    const cut = build(3);
    cut.splice(1, 1);
    expect(verifyPublicationChain(UNIT, cut).map((p) => p.code)).toEqual(['SEQ_GAP', 'LINK_BROKEN']);
    expect(verifyPublicationChain('another-unit', build(1)).map((p) => p.code)).toEqual(['LINK_BROKEN']);
  });

  it('binds who published and when: a changed publisher breaks the link hash', () => {
    const items = build(2);
    items[0] = { ...items[0]!, link: { ...items[0]!.link, publishedBy: { personId: 'y', role: 'village_committee', unitId: UNIT } } };
    expect(verifyPublicationChain(UNIT, items).map((p) => [p.code, p.seq])).toEqual([['HASH_MISMATCH', 1]]);
  });

  it('has a content hash anyone can recompute from the public fields (test vector)', () => {
    // the same bytes as docs/publications.md: sha256sum of the canonical JSON gives this too
    expect(contentHashOf({ unitId: UNIT, matter: 'finances', period: '2026-Q3', title: '2026年第三季度财务收支', body: '收入 12.5 万元' })).toBe(
      '0d2145ecd745323f7a1f819a21ed8579c56dec1f7c929badd7ed0f3dc1565ac8',
    );
    expect(publicationGenesis(UNIT)).toBe('8481206412cf494bc48cf8a9c334178946262759501ca713195d9674a7f19152');
  });
});
