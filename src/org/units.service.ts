import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { Clock } from '../timers/clock.js';
import { covers, scopeOf, scopeSql, type Actor } from '../auth/actor.js';
import { AuthError, AuthErrorCode } from '../auth/auth-error.js';
import type { Page, PageQueryDto } from '../common/pagination/page.dto.js';
import type { CreateUnitDto } from './dto/create-unit.dto.js';
import type { UnitListQueryDto } from './dto/unit-list-query.dto.js';
import type { UpdateUnitDto } from './dto/update-unit.dto.js';
import { OrgError, OrgErrorCode } from './org-error.js';
import { assertPlacement, childPath } from './unit-rules.js';
import { UnitEntity } from './unit.entity.js';

const ADMIN = ['admin'] as const;

/**
 * The unit tree. Anyone reads the units in their scope (the subtrees of the units where they hold
 * a role); admins create and edit units inside their admin subtree. Out of scope reads as absent.
 */
@Injectable()
export class UnitsService {
  constructor(
    @InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>,
    private readonly clock: Clock,
  ) {}

  /** A unit the actor may read; 404 otherwise, whether or not it exists. */
  async get(actor: Actor, id: string, field?: string): Promise<UnitEntity> {
    const unit = await this.units.findOneBy({ id });
    if (unit === null || !covers(actor, unit.path)) throw new OrgError(OrgErrorCode.UnitNotFound, field);
    return unit;
  }

  /** A unit the actor administers (404 when out of reach, 403 when only readable). */
  async getAdministered(actor: Actor, id: string, field?: string): Promise<UnitEntity> {
    const unit = await this.get(actor, id, field);
    if (!covers(actor, unit.path, ADMIN)) throw new AuthError(AuthErrorCode.Forbidden);
    return unit;
  }

  async create(actor: Actor, dto: CreateUnitDto): Promise<UnitEntity> {
    const parentId = dto.parentId ?? null;
    let parent: UnitEntity | null = null;
    if (parentId === null) {
      // a new root is outside every unit's subtree: only organisation-wide admins add one
      if (!scopeOf(actor, ADMIN).all) throw new AuthError(AuthErrorCode.Forbidden);
    } else {
      parent = await this.getAdministered(actor, parentId, 'parentId');
    }
    const communityType = dto.communityType ?? null;
    assertPlacement({ kind: dto.kind, parentKind: parent?.kind ?? null, communityType });
    await this.assertNameFree(parentId, dto.name);
    const id = randomUUID();
    const unit = this.units.create({
      id,
      name: dto.name,
      kind: dto.kind,
      parentId,
      path: childPath(parent?.path ?? null, id),
      households: dto.households,
      adultPopulation: dto.adultPopulation,
      communityType,
      // the engine's clock: the publication calendar counts a village's periods from its creation
      createdAt: this.clock.nowIso(),
    });
    return this.units.save(unit);
  }

  async update(actor: Actor, id: string, dto: UpdateUnitDto): Promise<UnitEntity> {
    const unit = await this.getAdministered(actor, id);
    if (Object.values(dto).every((v) => v === undefined)) throw new OrgError(OrgErrorCode.NothingToUpdate);
    if (dto.communityType !== undefined && unit.kind !== 'community') {
      throw new OrgError(OrgErrorCode.CommunityTypeNotAllowed, 'communityType');
    }
    if (dto.name !== undefined && dto.name !== unit.name) await this.assertNameFree(unit.parentId, dto.name);
    const changes: Partial<UnitEntity> = {};
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.households !== undefined) changes.households = dto.households;
    if (dto.adultPopulation !== undefined) changes.adultPopulation = dto.adultPopulation;
    if (dto.communityType !== undefined) changes.communityType = dto.communityType;
    await this.units.update({ id: unit.id }, changes);
    return { ...unit, ...changes };
  }

  async list(actor: Actor, query: UnitListQueryDto): Promise<Page<UnitEntity>> {
    const scope = scopeSql(scopeOf(actor), 'u.path', 'scope');
    const qb = this.units.createQueryBuilder('u').where(scope.sql, scope.params);
    if (query.kind !== undefined) qb.andWhere('u.kind = :kind', { kind: query.kind });
    return this.page(qb.orderBy('u.path', 'ASC'), query);
  }

  async children(actor: Actor, id: string, query: PageQueryDto): Promise<Page<UnitEntity>> {
    // children of a readable unit are inside the same subtree, so readable too
    const unit = await this.get(actor, id);
    const qb = this.units.createQueryBuilder('u').where('u.parentId = :parentId', { parentId: unit.id });
    return this.page(qb.orderBy('u.name', 'ASC').addOrderBy('u.id', 'ASC'), query);
  }

  /** Paths of the given units, for scope checks elsewhere (unknown ids are left out). */
  async pathsOf(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.units.createQueryBuilder('u').select(['u.id', 'u.path']).where('u.id IN (:...ids)', { ids }).getMany();
    return new Map(rows.map((u) => [u.id, u.path]));
  }

  async isEmpty(): Promise<boolean> {
    return (await this.units.count()) === 0;
  }

  private async assertNameFree(parentId: string | null, name: string): Promise<void> {
    const clash = await this.units.existsBy({ parentId: parentId ?? IsNull(), name });
    if (clash) throw new OrgError(OrgErrorCode.UnitNameTaken, 'name');
  }

  private async page(qb: ReturnType<Repository<UnitEntity>['createQueryBuilder']>, query: PageQueryDto): Promise<Page<UnitEntity>> {
    const [items, total] = await qb
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}
