import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BODY_TYPES, BODY_TYPE_NAMES, type BodyType } from '../../workflows/rules/body-types.js';
import { ruleFor } from '../../workflows/rules/body-rules.js';
import type { AppliedRule, RuleSelection } from '../../workflows/rules/meeting-rule.types.js';
import { checkRepresentativeComposition } from '../../workflows/rules/representative-composition.rule.js';
import { actingRole, covers, type Actor } from '../auth/actor.js';
import { emQuery } from '../database/em-query.js';
import { rawQuery } from '../database/raw-query.js';
import { lockUnitSettings, recordSettingsChange } from '../org/settings-changes.js';
import { UnitEntity } from '../org/unit.entity.js';
import { Clock } from '../timers/clock.js';
import { BODY_DEFINITIONS, noticeDaysOf, type BodySettings } from './bodies.js';
import type { BodyDto } from './dto/body.dto.js';
import type { ConfigureBodyDto } from './dto/configure-body.dto.js';
import { MeetingError, MeetingErrorCode } from './meeting-error.js';
import type { Composition } from './meeting-row.js';

/** A person on a body's roster now, with the role that makes them a member. */
export interface RosterEntry {
  readonly personId: string;
  readonly name: string;
  readonly membership: string;
}

/** Bodies without statutory numbers: their rule is the unit's configuration (docs/rules.md). */
const CONFIGURED: readonly BodyType[] = ['resident_council', 'party_organisation_meeting', 'two_committee_joint_meeting', 'five_party_joint_meeting'];
export const isConfigured = (body: BodyType): boolean => CONFIGURED.includes(body);

export const toCompositionDto = (c: Composition | null) => (c ? { ...c, warnings: [...c.warnings] } : null);

export const isBodyType = (value: string): value is BodyType => (BODY_TYPE_NAMES as string[]).includes(value);

/**
 * Bodies are derived: every unit has each kind of body, its roster is the people holding the
 * member roles at that unit, and its rule is the statute or the unit's configuration. Only the
 * configuration is stored (`body_settings`), so a roster can never drift from the role register.
 */
@Injectable()
export class BodiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async settingsOf(unitId: string, body: BodyType): Promise<BodySettings> {
    const [row] = await rawQuery<{ settings: string }>(this.dataSource, 'SELECT settings FROM body_settings WHERE unit_id = $1 AND body_type = $2', [unitId, body]);
    return row ? (JSON.parse(row.settings) as BodySettings) : {};
  }

  /** People holding a member role at the unit itself (roles held above make staff, not members), active only. */
  async rosterOf(unitId: string, body: BodyType): Promise<RosterEntry[]> {
    const roles = BODY_DEFINITIONS[body].members;
    if (roles.length === 0) return [];
    const rows = await rawQuery<{ person_id: string; name: string; role: string }>(
      this.dataSource,
      `SELECT ra.person_id, p.name, ra.role FROM role_assignments ra JOIN people p ON p.id = ra.person_id
       WHERE ra.unit_id = $1 AND ra.revoked_at IS NULL AND p.active = $2 AND ra.role IN (${roles.map((_, i) => `$${i + 3}`).join(', ')})
       ORDER BY p.name, ra.person_id`,
      [unitId, this.dataSource.options.type === 'postgres' ? true : 1, ...roles],
    );
    const byPerson = new Map<string, RosterEntry>();
    for (const row of rows) {
      const known = byPerson.get(row.person_id);
      // A person holding two member roles is one member, under the role listed first (representative before committee).
      if (!known || roles.indexOf(row.role as never) < roles.indexOf(known.membership as never)) {
        byPerson.set(row.person_id, { personId: row.person_id, name: row.name, membership: row.role });
      }
    }
    return [...byPerson.values()];
  }

  ruleOf(body: BodyType, settings: BodySettings): AppliedRule {
    const selection = (isConfigured(body) ? { body, config: settings.config } : { body }) as RuleSelection;
    const lookup = ruleFor(selection);
    if (!lookup.ok) throw new MeetingError(MeetingErrorCode.InvalidBodySettings, { text: lookup.error.message, field: lookup.error.field });
    return lookup.rule;
  }

  /** Art. 25 composition of the villager-representative meeting: warnings, never a block. */
  compositionOf(body: BodyType, roster: readonly RosterEntry[], settings: BodySettings): Composition | null {
    if (body !== 'villager_representative_meeting' || roster.length === 0) return null;
    const representatives = roster.filter((m) => m.membership === 'villager_representative').length;
    const committeeMembers = roster.length - representatives;
    const women = settings.womenRepresentatives ?? null;
    const checked = checkRepresentativeComposition({ members: roster.length, representatives, women: Math.min(women ?? 0, representatives) });
    const warnings = checked.ok ? checked.warnings.filter((w) => women !== null || w.code !== 'women_below_one_third') : [];
    return { members: roster.length, representatives, committeeMembers, women, warnings };
  }

  private async unitInScope(actor: Actor, unitId: string): Promise<UnitEntity> {
    const unit = await this.dataSource.getRepository(UnitEntity).findOneBy({ id: unitId.toLowerCase() });
    if (!unit || !covers(actor, unit.path)) throw new MeetingError(MeetingErrorCode.UnitNotFound);
    return unit;
  }

  async describe(unit: UnitEntity, body: BodyType): Promise<BodyDto> {
    const settings = await this.settingsOf(unit.id, body);
    const definition = BODY_DEFINITIONS[body];
    const rule = this.ruleOf(body, settings);
    const roster = await this.rosterOf(unit.id, body);
    return {
      type: body,
      name: BODY_TYPES[body],
      unitId: unit.id,
      rule: {
        id: rule.id,
        name: rule.name,
        source: rule.source,
        citation: rule.citation,
        description: rule.description,
        ...(rule.config ? { config: rule.config as unknown as Record<string, unknown> } : {}),
      },
      attendance: definition.attendance,
      memberRoles: [...definition.members],
      conveners: [...definition.conveners],
      rosterSize: definition.attendance === 'named' ? roster.length : null,
      adults: definition.attendance === 'counts' ? unit.adultPopulation : null,
      households: definition.attendance === 'counts' ? unit.households : null,
      noticeDays: noticeDaysOf(body, settings),
      secretBallotOnly: settings.secretBallotOnly ?? false,
      womenRepresentatives: settings.womenRepresentatives ?? null,
      composition: toCompositionDto(this.compositionOf(body, roster, settings)),
    };
  }

  async list(actor: Actor, unitId: string): Promise<BodyDto[]> {
    const unit = await this.unitInScope(actor, unitId);
    return Promise.all(BODY_TYPE_NAMES.map((body) => this.describe(unit, body)));
  }

  /** Admins over the unit and the body's conveners (at the unit or above) keep its settings. */
  async configure(actor: Actor, unitId: string, type: string, dto: ConfigureBodyDto): Promise<BodyDto> {
    const unit = await this.unitInScope(actor, unitId);
    if (!isBodyType(type)) throw new MeetingError(MeetingErrorCode.UnknownBody, { field: 'type' });
    const role = actingRole(actor, unit.path, ['admin', ...BODY_DEFINITIONS[type].conveners]);
    if (role === undefined) throw new MeetingError(MeetingErrorCode.MeetingForbidden);
    const now = this.clock.nowIso();
    await this.dataSource.transaction(async (em) => {
      // two changes at once each merge into and record what the other left
      await lockUnitSettings(em, unit.id);
      const [current] = await emQuery<{ settings: string }>(em, 'SELECT settings FROM body_settings WHERE unit_id = $1 AND body_type = $2', [unit.id, type]);
      const before = current ? (JSON.parse(current.settings) as BodySettings) : null;
      const settings = this.merged(type, before, dto);
      await emQuery(
        em,
        `INSERT INTO body_settings (unit_id, body_type, settings, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (unit_id, body_type) DO UPDATE SET settings = excluded.settings, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        [unit.id, type, JSON.stringify(settings), actor.personId, now],
      );
      await recordSettingsChange(em, { unitId: unit.id, subject: `body:${type}`, before, after: settings, changedBy: actor.personId, changedRole: role.role, changedAt: now });
    });
    return this.describe(unit, type);
  }

  /** The settings after `dto` is applied to `before`, or a refusal when they are not lawful. */
  private merged(type: BodyType, before: BodySettings | null, dto: ConfigureBodyDto): BodySettings {
    const settings: BodySettings = {
      ...before,
      ...(dto.config !== undefined ? { config: dto.config } : {}),
      ...(dto.noticeDays !== undefined ? { noticeDays: dto.noticeDays } : {}),
      ...(dto.womenRepresentatives !== undefined ? { womenRepresentatives: dto.womenRepresentatives } : {}),
      ...(dto.secretBallotOnly !== undefined ? { secretBallotOnly: dto.secretBallotOnly } : {}),
    };
    if (settings.config !== undefined) {
      if (!isConfigured(type)) {
        throw new MeetingError(MeetingErrorCode.InvalidBodySettings, { field: 'config', text: { zh: '法定会议的表决规则不能配置。', en: 'A statutory rule takes no configuration.' } });
      }
      this.ruleOf(type, settings);
    }
    const minimum = BODY_DEFINITIONS[type].statutoryNoticeDays;
    if (settings.noticeDays !== undefined && settings.noticeDays < minimum) {
      throw new MeetingError(MeetingErrorCode.InvalidBodySettings, {
        field: 'noticeDays',
        text: { zh: `法定通知期为${minimum}天，不能缩短。`, en: `The statutory notice is ${minimum} days and cannot be shortened.` },
      });
    }
    return settings;
  }
}
