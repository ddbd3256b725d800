import { createHash } from 'node:crypto';
import type { Label } from '../../workflows/core/label.js';
import { canonicalJson } from '../audit/canonical-json.js';

/**
 * The hashes that make a village's publications tamper-evident (docs/publications.md gives the
 * exact format for a second verifier). Two levels:
 * - `contentHash` binds what the public reads — village, matter, period, title, body — so anyone
 *   can recompute it from the public JSON or a printed page;
 * - `hash` links the publication into its village's chain: position, content hash, time, who
 *   published it (person, role, where the role is held) and the previous link's hash.
 * SHA-256 over RFC 8785 canonical JSON, lower-case hex, as the audit trail's entries.
 */
export const PUBLICATION_FORMAT = 'minyi/publication/v1';

export interface PublicationContent {
  readonly unitId: string;
  readonly matter: string;
  readonly period: string | null;
  readonly title: string;
  readonly body: string;
}

export interface PublicationLink {
  readonly unitId: string;
  readonly seq: number;
  readonly publicationId: string;
  readonly contentHash: string;
  readonly publishedAt: string;
  readonly publishedBy: { readonly personId: string; readonly role: string; readonly unitId: string | null };
  readonly prevHash: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const publicationGenesis = (unitId: string): string => sha256(`${PUBLICATION_FORMAT}/genesis/${unitId}`);

export const contentHashOf = (c: PublicationContent): string =>
  sha256(canonicalJson({ format: PUBLICATION_FORMAT, unitId: c.unitId, matter: c.matter, period: c.period, title: c.title, body: c.body }));

export const linkHashOf = (l: PublicationLink): string => sha256(canonicalJson({ format: PUBLICATION_FORMAT, ...l, publishedBy: { ...l.publishedBy } }));

export type ChainProblemCode = 'CONTENT_HASH_MISMATCH' | 'HASH_MISMATCH' | 'LINK_BROKEN' | 'SEQ_GAP';

export interface PublicationChainProblem {
  readonly code: ChainProblemCode;
  readonly seq: number;
  readonly publicationId: string;
  readonly message: Label;
}

export interface StoredPublication {
  readonly content: PublicationContent;
  readonly link: PublicationLink;
  readonly storedContentHash: string;
  readonly storedHash: string;
}

/** Checks a village's publications in chain order: content hashes, link hashes, links and positions. */
export const verifyPublicationChain = (unitId: string, items: readonly StoredPublication[]): PublicationChainProblem[] => {
  const problems: PublicationChainProblem[] = [];
  let prev = publicationGenesis(unitId);
  items.forEach((item, i) => {
    const { link } = item;
    const at = (code: ChainProblemCode, message: Label) => problems.push({ code, seq: link.seq, publicationId: link.publicationId, message });
    if (link.seq !== i + 1) at('SEQ_GAP', { zh: `第 ${i + 1} 条公开记录缺失或顺序错乱`, en: `publication ${i + 1} of the chain is missing or out of order` });
    if (contentHashOf(item.content) !== item.storedContentHash || link.contentHash !== item.storedContentHash) {
      at('CONTENT_HASH_MISMATCH', { zh: '公开内容与其内容哈希不符（内容被修改）', en: 'the content does not match its content hash (it was altered)' });
    }
    if (link.prevHash !== prev) at('LINK_BROKEN', { zh: '与前一条公开记录的链接断开', en: 'the link to the previous publication is broken' });
    if (linkHashOf(link) !== item.storedHash) at('HASH_MISMATCH', { zh: '公开记录的哈希不符（记录被修改）', en: 'the publication record does not match its hash (it was altered)' });
    prev = item.storedHash;
  });
  return problems;
};
