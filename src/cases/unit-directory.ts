import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import type { CaseFact } from '../../workflows/core/permissions.js';
import type { UnitKind } from '../../workflows/org/unit-kinds.js';
import { UnitEntity } from '../org/unit.entity.js';

/** The ids on a materialised path `/a/b/c/`, root first. */
export const idsOnPath = (path: string): string[] => path.split('/').filter((id) => id.length > 0);

/**
 * Kinds of the units on a case's path, for role checks on every event. Units are never moved or
 * deleted and never change kind, so what is read once stays true: the event path asks the
 * database only for units it has not seen.
 */
@Injectable()
export class UnitDirectory {
  private readonly kinds = new Map<string, UnitKind>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async pathOf(unitPath: string): Promise<CaseFact['unitPath']> {
    const ids = idsOnPath(unitPath);
    const missing = ids.filter((id) => !this.kinds.has(id));
    if (missing.length > 0) {
      const units = await this.dataSource.getRepository(UnitEntity).find({ where: { id: In(missing) }, select: { id: true, kind: true } });
      for (const unit of units) this.kinds.set(unit.id, unit.kind);
    }
    return ids.flatMap((id) => {
      const kind = this.kinds.get(id);
      return kind ? [{ id, kind }] : [];
    });
  }
}
