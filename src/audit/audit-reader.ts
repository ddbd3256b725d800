import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { rawQuery } from '../database/raw-query.js';
import type { AuditEntry } from './audit-entry.js';
import { AUDIT_COLUMNS, fromAuditRow, type AuditRow } from './audit-row.js';

/** Reads audit entries; nothing in the application writes them except the case writer. */
@Injectable()
export class AuditReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A case's entries in case-sequence order, as stored (tampering included). */
  async ofCase(caseId: string): Promise<AuditEntry[]> {
    const rows = await rawQuery<AuditRow>(this.dataSource, `SELECT ${AUDIT_COLUMNS} FROM audit_entries WHERE case_id = $1 ORDER BY case_seq, global_seq`, [caseId]);
    return rows.map(fromAuditRow);
  }

  /** One page of a case's entries, from case sequence `after` + 1. */
  async pageOfCase(caseId: string, after: number, limit: number): Promise<AuditEntry[]> {
    const rows = await rawQuery<AuditRow>(
      this.dataSource,
      `SELECT ${AUDIT_COLUMNS} FROM audit_entries WHERE case_id = $1 AND case_seq > $2 ORDER BY case_seq LIMIT $3`,
      [caseId, after, limit],
    );
    return rows.map(fromAuditRow);
  }

  /** The latest `limit` entries of a case, oldest first. */
  async latestOfCase(caseId: string, limit: number): Promise<AuditEntry[]> {
    const rows = await rawQuery<AuditRow>(
      this.dataSource,
      `SELECT ${AUDIT_COLUMNS} FROM audit_entries WHERE case_id = $1 ORDER BY case_seq DESC LIMIT $2`,
      [caseId, limit],
    );
    return rows.map(fromAuditRow).reverse();
  }
}
