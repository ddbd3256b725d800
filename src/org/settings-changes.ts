import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { emQuery } from '../database/em-query.js';
import { rawQuery } from '../database/raw-query.js';
import { UnitsService } from './units.service.js';

/** What changed: a body's settings (`body:<type>`) or a village's publication calendar. */
export type SettingsSubject = `body:${string}` | 'publication-settings';

export interface SettingsChange {
  readonly id: number;
  readonly unitId: string;
  readonly subject: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly changedBy: string;
  readonly changedRole: string;
  readonly changedAt: string;
}

interface SettingsChangeRow {
  id: number | string;
  unit_id: string;
  subject: string;
  settings_before: string | null;
  settings_after: string;
  changed_by: string;
  changed_role: string;
  changed_at: string;
}

/**
 * Serialises changes of one unit's settings: call first in the change's transaction, before reading
 * the settings as they are. PostgreSQL: the unit's row is locked, so two changes at once — even the
 * first, when no settings row exists yet to lock — each read and record what the other left;
 * SQLite has one writer.
 */
export const lockUnitSettings = async (em: EntityManager, unitId: string): Promise<void> => {
  if (em.connection.options.type === 'postgres') await emQuery(em, 'SELECT id FROM units WHERE id = $1 FOR UPDATE', [unitId]);
};

/**
 * Records one change of a unit's settings, inside the change's own transaction: the settings as
 * they were (null: never set) and as they are now, who changed them in which role, and when. The
 * table is append-only (triggers on both databases). A change that changes nothing is not recorded.
 */
export const recordSettingsChange = async (
  em: EntityManager,
  change: { unitId: string; subject: SettingsSubject; before: unknown; after: unknown; changedBy: string; changedRole: string; changedAt: string },
): Promise<boolean> => {
  const before = change.before === null || change.before === undefined ? null : JSON.stringify(change.before);
  const after = JSON.stringify(change.after);
  if (before === after) return false;
  await emQuery(em, 'INSERT INTO settings_changes (unit_id, subject, settings_before, settings_after, changed_by, changed_role, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    change.unitId,
    change.subject,
    before,
    after,
    change.changedBy,
    change.changedRole,
    change.changedAt,
  ]);
  return true;
};

export const SETTINGS_CHANGES_SHOWN = 200;

/**
 * The settings history of a unit: every change of its bodies' settings and of its publication
 * calendar, newest first. Settings are not secret — anyone who reads the unit reads their history.
 */
@Injectable()
export class SettingsChangesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
  ) {}

  async list(actor: Actor, unitId: string, subject: string | undefined, limit: number): Promise<SettingsChange[]> {
    const unit = await this.units.get(actor, unitId);
    const rows = await rawQuery<SettingsChangeRow>(
      this.dataSource,
      `SELECT id, unit_id, subject, settings_before, settings_after, changed_by, changed_role, changed_at FROM settings_changes
       WHERE unit_id = $1 AND ($2 = '' OR subject = $2) ORDER BY id DESC LIMIT ${Math.min(Math.max(1, limit), SETTINGS_CHANGES_SHOWN)}`,
      [unit.id, subject ?? ''],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      unitId: r.unit_id,
      subject: r.subject,
      before: r.settings_before === null ? null : (JSON.parse(r.settings_before) as unknown),
      after: JSON.parse(r.settings_after) as unknown,
      changedBy: r.changed_by,
      changedRole: r.changed_role,
      changedAt: r.changed_at,
    }));
  }
}
