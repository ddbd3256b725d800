import { emQuery } from '../database/em-query.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ProcedureDefinition } from '../../workflows/core/procedure.js';
import { checkLimitableState, limitableStatesOf, resolveStepLimit, type LimitableState } from '../../workflows/core/step-limits.js';
import { getProcedure, latestProcedures, settingOf } from '../../workflows/registry.js';
import { covers, type Actor } from '../auth/actor.js';
import { AppConfig } from '../config/app-config.js';
import { rawQuery } from '../database/raw-query.js';
import { UnitEntity } from '../org/unit.entity.js';
import { Clock } from '../timers/clock.js';
import { DeadlineError, DeadlineErrorCode } from './deadline-error.js';
import type { StepLimitChangeDto, StepLimitDto, UnitStepLimitsDto } from './dto/step-limits.dto.js';

const CHANGES_SHOWN = 100;

interface LimitRow {
  unit_id: string;
  procedure_id: string;
  state_path: string;
  days: number | string;
  updated_by: string;
  updated_at: string;
}

interface ChangeRow {
  procedure_id: string;
  state_path: string;
  old_days: number | string | null;
  new_days: number | string | null;
  changed_by: string;
  changed_at: string;
}

const num = (value: number | string | null): number | null => (value === null ? null : Number(value));

/** The units from the root down to the unit itself, as its path lists them. */
const pathIdsOf = (unit: UnitEntity): string[] => unit.path.split('/').filter((part) => part.length > 0);

/**
 * Step time limits per procedure and unit: a unit's own configuration, inherited down its
 * subtree (the nearest unit wins), else the statechart's default. Admins over a unit change it;
 * every change is kept (who, when, old → new).
 */
@Injectable()
export class StepLimitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  private async unitInScope(actor: Actor, unitId: string): Promise<UnitEntity> {
    const unit = await this.dataSource.getRepository(UnitEntity).findOneBy({ id: unitId.toLowerCase() });
    if (!unit || !covers(actor, unit.path)) throw new DeadlineError(DeadlineErrorCode.UnitNotFound);
    return unit;
  }

  /** The unit and every unit above it, root first. */
  private pathUnits(unit: UnitEntity): Promise<UnitEntity[]> {
    return this.dataSource
      .getRepository(UnitEntity)
      .createQueryBuilder('u')
      .where(":path LIKE u.path || '%'", { path: unit.path })
      .orderBy('LENGTH(u.path)', 'ASC')
      .getMany();
  }

  /**
   * The procedures that may run at the unit or below it: above the communities and villages
   * (a district, a town) every procedure; inside one, those its setting admits (or all with
   * MINYI_ANY_PROCEDURE).
   */
  private proceduresAt(path: readonly UnitEntity[]): ProcedureDefinition[] {
    const setting = settingOf(path.map((u) => ({ kind: u.kind, communityType: u.communityType })));
    return latestProcedures().filter((d) => this.config.engine.anyProcedure || setting === null || d.appliesTo.settings.includes(setting));
  }

  private configuredOnPath(unit: UnitEntity, procedureId?: string): Promise<LimitRow[]> {
    return rawQuery<LimitRow>(
      this.dataSource,
      `SELECT unit_id, procedure_id, state_path, days, updated_by, updated_at FROM step_limits WHERE $1 LIKE unit_path || '%'${procedureId !== undefined ? ' AND procedure_id = $2' : ''}`,
      procedureId !== undefined ? [unit.path, procedureId] : [unit.path],
    );
  }

  private view(definition: ProcedureDefinition, state: LimitableState, unit: UnitEntity, path: readonly UnitEntity[], rows: readonly LimitRow[]): StepLimitDto {
    const mine = rows.filter((r) => r.procedure_id === definition.id && r.state_path === state.path);
    const byUnit = new Map(mine.map((r) => [r.unit_id, r] as const));
    const limit = resolveStepLimit({ path: pathIdsOf(unit), configured: new Map(mine.map((r) => [r.unit_id, Number(r.days)] as const)), defaultDays: state.defaultDays });
    const from = limit.unitId === null ? undefined : byUnit.get(limit.unitId);
    return {
      procedureId: definition.id,
      state: state.path,
      label: state.label,
      days: limit.days,
      source: { kind: limit.source, unitId: limit.unitId, unitName: limit.unitId === null ? null : (path.find((u) => u.id === limit.unitId)?.name ?? null) },
      configuredHere: num(byUnit.get(unit.id)?.days ?? null),
      defaultDays: state.defaultDays,
      updatedBy: from?.updated_by ?? null,
      updatedAt: from?.updated_at ?? null,
    };
  }

  async list(actor: Actor, unitId: string): Promise<UnitStepLimitsDto> {
    const unit = await this.unitInScope(actor, unitId);
    const path = await this.pathUnits(unit);
    const rows = await this.configuredOnPath(unit);
    const changes = await rawQuery<ChangeRow>(
      this.dataSource,
      `SELECT procedure_id, state_path, old_days, new_days, changed_by, changed_at FROM step_limit_changes WHERE unit_id = $1 ORDER BY id DESC LIMIT ${CHANGES_SHOWN}`,
      [unit.id],
    );
    return {
      unit: { id: unit.id, name: unit.name },
      procedures: this.proceduresAt(path).map((definition) => ({
        id: definition.id,
        version: definition.version,
        label: definition.label,
        steps: limitableStatesOf(definition).map((state) => this.view(definition, state, unit, path, rows)),
      })),
      changes: changes.map(
        (c): StepLimitChangeDto => ({
          procedureId: c.procedure_id,
          state: c.state_path,
          oldDays: num(c.old_days),
          newDays: num(c.new_days),
          changedBy: c.changed_by,
          changedAt: c.changed_at,
        }),
      ),
    };
  }

  /** Scope (404), role (403), then the procedure and the step (400 / 422). */
  private async target(actor: Actor, unitId: string, procedureId: string, statePath: string) {
    const unit = await this.unitInScope(actor, unitId);
    if (!covers(actor, unit.path, ['admin'])) throw new DeadlineError(DeadlineErrorCode.Forbidden);
    const definition = getProcedure(procedureId);
    if (!definition) throw new DeadlineError(DeadlineErrorCode.UnknownProcedure, { field: 'procedureId' });
    const path = await this.pathUnits(unit);
    if (!this.proceduresAt(path).includes(definition)) throw new DeadlineError(DeadlineErrorCode.ProcedureNotHere, { field: 'procedureId' });
    const check = checkLimitableState(definition, statePath);
    if (!check.ok) {
      throw new DeadlineError(check.reason === 'final-state' ? DeadlineErrorCode.FinalState : DeadlineErrorCode.UnknownState, {
        field: 'state',
        details: { states: limitableStatesOf(definition).map((s) => s.path) },
      });
    }
    return { unit, path, definition, state: check.state };
  }

  /**
   * The limit this unit sets now, read inside the change's transaction. On PostgreSQL the unit's
   * row is locked first, so two admins changing the same unit at once record old → new in order
   * (SQLite has one writer).
   */
  private async current(em: EntityManager, unitId: string, procedureId: string, state: string): Promise<number | null> {
    if (this.dataSource.options.type === 'postgres') await em.query('SELECT id FROM units WHERE id = $1 FOR UPDATE', [unitId]);
    const [row] = await emQuery<{ days: number | string }>(em, 'SELECT days FROM step_limits WHERE unit_id = $1 AND procedure_id = $2 AND state_path = $3', [unitId, procedureId, state]);
    return row ? Number(row.days) : null;
  }

  private record(em: EntityManager, actor: Actor, unitId: string, procedureId: string, state: string, oldDays: number | null, newDays: number | null, at: string) {
    return emQuery(
      em,
      'INSERT INTO step_limit_changes (unit_id, procedure_id, state_path, old_days, new_days, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [unitId, procedureId, state, oldDays, newDays, actor.personId, at],
    );
  }

  async set(actor: Actor, unitId: string, procedureId: string, statePath: string, days: number): Promise<StepLimitDto> {
    const { unit, path, definition, state } = await this.target(actor, unitId, procedureId, statePath);
    const at = this.clock.nowIso();
    await this.dataSource.transaction(async (em) => {
      const old = await this.current(em, unit.id, definition.id, state.path);
      if (old === days) return;
      await emQuery(
        em,
        `INSERT INTO step_limits (unit_id, procedure_id, state_path, unit_path, days, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (unit_id, procedure_id, state_path) DO UPDATE SET days = excluded.days, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        [unit.id, definition.id, state.path, unit.path, days, actor.personId, at],
      );
      await this.record(em, actor, unit.id, definition.id, state.path, old, days, at);
    });
    return this.view(definition, state, unit, path, await this.configuredOnPath(unit, definition.id));
  }

  async unset(actor: Actor, unitId: string, procedureId: string, statePath: string): Promise<StepLimitDto> {
    const { unit, path, definition, state } = await this.target(actor, unitId, procedureId, statePath);
    const at = this.clock.nowIso();
    await this.dataSource.transaction(async (em) => {
      const old = await this.current(em, unit.id, definition.id, state.path);
      if (old === null) throw new DeadlineError(DeadlineErrorCode.NotConfigured, { field: 'state' });
      await emQuery(em, 'DELETE FROM step_limits WHERE unit_id = $1 AND procedure_id = $2 AND state_path = $3', [unit.id, definition.id, state.path]);
      await this.record(em, actor, unit.id, definition.id, state.path, old, null, at);
    });
    return this.view(definition, state, unit, path, await this.configuredOnPath(unit, definition.id));
  }
}
