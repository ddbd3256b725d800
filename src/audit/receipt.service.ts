import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { CaseError, CaseErrorCode } from '../cases/case-error.js';
import { CasesService } from '../cases/cases.service.js';
import { ExportError, ExportErrorCode } from './archive/export-error.js';
import { AuditReader } from './audit-reader.js';
import { CheckpointService } from './checkpoint.service.js';
import { RECEIPT_FORMAT, receiptLines, type ReceiptFile } from './receipt.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/**
 * Signed receipts (receipt.ts), issued on request and signed afresh each time: Ed25519 is
 * deterministic, so the same entry always gets the same bytes and nothing is stored.
 */
@Injectable()
export class ReceiptService {
  constructor(
    private readonly cases: CasesService,
    private readonly reader: AuditReader,
    private readonly checkpoints: CheckpointService,
  ) {}

  /**
   * The receipt of a case's entry, for whoever may see the case, and for the person who sent the
   * entry even if they no longer can (a role given up, a case moved); 404 CASE_NOT_FOUND to anyone
   * else, whether the case exists or not.
   */
  async receipt(actor: Actor, caseId: string, caseSeq: number): Promise<ReceiptFile> {
    let visible = true;
    try {
      await this.cases.getVisible(actor, caseId);
    } catch (error) {
      if (!(error instanceof CaseError && error.code === CaseErrorCode.CaseNotFound)) throw error;
      visible = false;
    }
    const [found] = await this.reader.pageOfCase(caseId, caseSeq - 1, 1);
    const entry = found?.caseSeq === caseSeq ? found : undefined;
    if (!visible && (entry === undefined || entry.actor.personId !== actor.personId)) throw new CaseError(CaseErrorCode.CaseNotFound);
    if (entry === undefined) throw new ExportError(ExportErrorCode.EntryNotFound, 'caseSeq');
    const latest = await this.checkpoints.latest();
    let inclusion: ReceiptFile['inclusion'] = null;
    if (latest !== null && latest.treeSize >= entry.globalSeq) {
      const tree = await this.checkpoints.currentTree();
      // a tree that no longer matches its checkpoint proves nothing: then no proof is given
      if (tree.size >= latest.treeSize && hex(tree.root(latest.treeSize)) === latest.rootHash) {
        inclusion = { treeSize: latest.treeSize, rootHash: latest.rootHash, proof: tree.inclusionProof(entry.globalSeq - 1, latest.treeSize).map(hex), checkpoint: latest.note };
      }
    }
    return { format: RECEIPT_FORMAT, statement: this.checkpoints.signStatement(receiptLines(this.checkpoints.name, entry)), verifierKey: this.checkpoints.verifierKey, entry, inclusion };
  }
}
