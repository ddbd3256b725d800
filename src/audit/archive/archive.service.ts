import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Role } from '../../../workflows/org/roles.js';
import { covers, type Actor } from '../../auth/actor.js';
import { CasesService } from '../../cases/cases.service.js';
import { AppConfig } from '../../config/app-config.js';
import { rawQuery } from '../../database/raw-query.js';
import { Clock } from '../../timers/clock.js';
import { CheckpointService } from '../checkpoint.service.js';
import { ArchiveError } from './archive-format.js';
import { buildCaseArchive, buildUnitArchive, periodBound, type UnitPeriod } from './case-archive.js';
import { ExportError, ExportErrorCode } from './export-error.js';
import { writeZip, type ZipFile } from './zip.js';

/**
 * Who may take an archive away: supervisors (the village affairs supervision committee, inspectors),
 * administrators, and the bodies that keep the archives of the cases they run (law art. 34) —
 * council clerks, community party organisations, residents' and village committees, party
 * branches, township / sub-district party committees — each for the units where they hold the role
 * and below. Residents, council members, party members, villager representatives and grid workers
 * read a case's trail (`GET /api/cases/:id/audit`) and take signed receipts, but do not export
 * archives: an archive holds every meeting's named roster and the objectors' names.
 */
export const ARCHIVE_ROLES: readonly Role[] = [
  'supervisor',
  'admin',
  'council_clerk',
  'community_party_secretary',
  'residents_committee',
  'village_committee',
  'party_branch',
  'township_party_committee',
];

export interface BuiltArchive {
  readonly filename: string;
  readonly zip: Buffer;
}

@Injectable()
export class ArchiveService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly checkpoints: CheckpointService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** A case's archive for an actor who may see the case (404 otherwise) and holds an archive role over it (403 otherwise). */
  async ofCase(actor: Actor, caseId: string): Promise<BuiltArchive> {
    const record = await this.cases.getVisible(actor, caseId);
    if (!covers(actor, record.unitPath, ARCHIVE_ROLES)) throw new ExportError(ExportErrorCode.ArchiveForbidden);
    const files = await this.build((options) => buildCaseArchive(this.dataSource, record.id, this.checkpoints.statementKey, this.clock.nowIso(), options));
    return { filename: `minyi-case-${record.id}.zip`, zip: writeZip(files) };
  }

  /** A unit archive for an actor whose scope reaches the unit (404 otherwise) through an archive role (403 otherwise). */
  async ofUnit(actor: Actor, unitId: string, fromText: string, toText: string): Promise<BuiltArchive> {
    const [unit] = await rawQuery<{ id: string; path: string }>(this.dataSource, 'SELECT id, path FROM units WHERE id = $1', [unitId]);
    if (unit === undefined || !covers(actor, unit.path)) throw new ExportError(ExportErrorCode.UnitNotFound);
    if (!covers(actor, unit.path, ARCHIVE_ROLES)) throw new ExportError(ExportErrorCode.ArchiveForbidden);
    const from = periodBound(fromText, false);
    const to = periodBound(toText, true);
    if (from === null) throw new ExportError(ExportErrorCode.BadPeriod, 'from');
    if (to === null) throw new ExportError(ExportErrorCode.BadPeriod, 'to');
    if (from >= to) throw new ExportError(ExportErrorCode.BadPeriod, 'to');
    const period: UnitPeriod = { unitId: unit.id, from, to };
    const files = await this.build((options) => buildUnitArchive(this.dataSource, period, this.checkpoints.statementKey, this.clock.nowIso(), options));
    return { filename: `minyi-unit-${unit.id}-${fromText.slice(0, 10)}-${toText.slice(0, 10)}.zip`, zip: writeZip(files) };
  }

  /**
   * Builds against the latest checkpoint; when none covers the entries yet, signs one now (the
   * server holds the key: an auditor need not wait for the next periodic checkpoint) and tries once more.
   */
  private async build(work: (options: { config: AppConfig; tree: Awaited<ReturnType<CheckpointService['currentTree']>> }) => Promise<ZipFile[]>): Promise<ZipFile[]> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await work({ config: this.config, tree: await this.checkpoints.currentTree() });
      } catch (error) {
        if (!(error instanceof ArchiveError)) throw error;
        switch (error.reason) {
          case 'NOT_FOUND':
            throw new ExportError(ExportErrorCode.UnitNotFound);
          case 'TOO_LARGE':
            throw new ExportError(ExportErrorCode.ArchiveTooLarge, 'from');
          case 'LOG_MISMATCH':
            throw new ExportError(ExportErrorCode.AuditLogInconsistent);
          case 'NOT_READY':
            if (attempt > 0) throw new ExportError(ExportErrorCode.ArchiveNotReady);
            await this.checkpoints.sign('manual');
        }
      }
    }
  }
}
