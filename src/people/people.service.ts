import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager, type Repository } from 'typeorm';
import type { Role } from '../../workflows/org/roles.js';
import { scopeCovers, scopeOf, scopeSql, type Actor, type Scope } from '../auth/actor.js';
import { AuthError, AuthErrorCode } from '../auth/auth-error.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import type { Page, PageQueryDto } from '../common/pagination/page.dto.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { UnitsService } from '../org/units.service.js';
import type { CreatePersonDto } from './dto/create-person.dto.js';
import type { CreateRoleAssignmentDto } from './dto/create-role-assignment.dto.js';
import type { UpdatePersonDto } from './dto/update-person.dto.js';
import { PeopleError, PeopleErrorCode } from './people-error.js';
import { PersonEntity } from './person.entity.js';
import { RoleAssignmentEntity } from './role-assignment.entity.js';

const ADMIN: readonly Role[] = ['admin'];

/** A person with where they sit in the tree: home unit and live role units (null: organisation-wide). */
export interface PersonView {
  readonly person: PersonEntity;
  /** Whether the caller may see contact details (themselves, or an admin over the person). */
  readonly showContact: boolean;
}

/**
 * People and their roles. A person is visible to whoever's scope reaches their home unit or one
 * of their role units; an admin may change them only when the admin's subtree holds all of those,
 * so a sub-district admin can never reset the password of a district official.
 */
@Injectable()
export class PeopleService {
  constructor(
    @InjectRepository(PersonEntity) private readonly people: Repository<PersonEntity>,
    @InjectRepository(RoleAssignmentEntity) private readonly assignments: Repository<RoleAssignmentEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly hasher: PasswordHasher,
  ) {}

  async create(actor: Actor, dto: CreatePersonDto): Promise<PersonView> {
    const home = await this.units.getAdministered(actor, dto.unitId, 'unitId');
    const person = await this.insertPerson(this.dataSource.manager, {
      name: dto.name,
      username: dto.username,
      password: dto.password,
      phone: dto.phone ?? null,
      homeUnitId: home.id,
    });
    return { person, showContact: true };
  }

  async get(actor: Actor, id: string): Promise<PersonView> {
    const { person, footprint } = await this.visible(actor, id);
    return { person, showContact: this.contactVisible(actor, person, footprint) };
  }

  async list(actor: Actor, query: PageQueryDto): Promise<Page<PersonView>> {
    const qb = this.people.createQueryBuilder('p');
    const scope = scopeOf(actor);
    if (!scope.all) {
      const home = scopeSql(scope, 'hu.path', 'home');
      const role = scopeSql(scope, 'ru.path', 'role');
      qb.where(
        `(p.id = :self
          OR p.homeUnitId IN (SELECT hu.id FROM units hu WHERE ${home.sql})
          OR p.id IN (SELECT ra.person_id FROM role_assignments ra JOIN units ru ON ru.id = ra.unit_id
                      WHERE ra.revoked_at IS NULL AND ${role.sql}))`,
        { self: actor.personId, ...home.params, ...role.params },
      );
    }
    const [people, total] = await qb
      .orderBy('p.username', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    const footprints = await this.footprints(people);
    const items = people.map((person) => ({
      person,
      showContact: this.contactVisible(actor, person, footprints.get(person.id) ?? []),
    }));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async update(actor: Actor, id: string, dto: UpdatePersonDto): Promise<PersonView> {
    const { person, footprint } = await this.visible(actor, id);
    if (Object.values(dto).every((v) => v === undefined)) throw new PeopleError(PeopleErrorCode.NothingToUpdate);
    const self = person.id === actor.personId;
    if (self && dto.active === false) throw new PeopleError(PeopleErrorCode.CannotDeactivateSelf, 'active');
    // people keep their own name, phone and password up to date; everything else is an admin's job
    const selfService = self && dto.active === undefined;
    if (!selfService && !this.manages(scopeOf(actor, ADMIN), footprint)) throw new AuthError(AuthErrorCode.Forbidden);
    const changes: Partial<PersonEntity> = {};
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.phone !== undefined) changes.phone = dto.phone;
    if (dto.active !== undefined) changes.active = dto.active;
    if (dto.password !== undefined) {
      changes.passwordHash = await this.hasher.hash(dto.password);
      changes.sessionVersion = person.sessionVersion + 1;
    }
    await this.people.update({ id: person.id }, changes);
    return { person: { ...person, ...changes }, showContact: true };
  }

  async roles(actor: Actor, id: string, query: PageQueryDto): Promise<Page<RoleAssignmentEntity>> {
    const { person } = await this.visible(actor, id);
    const live = await this.liveAssignments([person.id]);
    const paths = await this.units.pathsOf(live.flatMap((a) => (a.unitId === null ? [] : [a.unitId])));
    const scope = scopeOf(actor);
    // the caller sees the roles that sit in their own scope (all of them when it is their own account)
    const shown = live.filter((a) => person.id === actor.personId || scopeCovers(scope, a.unitId === null ? null : (paths.get(a.unitId) ?? null)));
    const start = (query.page - 1) * query.pageSize;
    return { items: shown.slice(start, start + query.pageSize), total: shown.length, page: query.page, pageSize: query.pageSize };
  }

  async addRole(actor: Actor, id: string, dto: CreateRoleAssignmentDto): Promise<RoleAssignmentEntity> {
    const { person } = await this.visible(actor, id);
    if (dto.unitId === null) {
      if (dto.role !== 'admin') throw new PeopleError(PeopleErrorCode.OrganisationWideRoleIsAdminOnly, 'unitId');
      if (!scopeOf(actor, ADMIN).all) throw new AuthError(AuthErrorCode.Forbidden);
    } else {
      await this.units.getAdministered(actor, dto.unitId, 'unitId');
    }
    return this.insertAssignment(this.dataSource.manager, { personId: person.id, role: dto.role, unitId: dto.unitId, grantedBy: actor.personId });
  }

  /** Ends a role. The row stays (revoked), so history can still say who held what when. */
  async removeRole(actor: Actor, id: string, assignmentId: string): Promise<void> {
    const { person } = await this.visible(actor, id);
    const assignment = await this.assignments.findOneBy({ id: assignmentId, personId: person.id, revokedAt: IsNull() });
    if (assignment === null) throw new PeopleError(PeopleErrorCode.RoleAssignmentNotFound);
    const path = assignment.unitId === null ? null : ((await this.units.pathsOf([assignment.unitId])).get(assignment.unitId) ?? null);
    if (!scopeCovers(scopeOf(actor), path)) throw new PeopleError(PeopleErrorCode.RoleAssignmentNotFound);
    if (!scopeCovers(scopeOf(actor, ADMIN), path)) throw new AuthError(AuthErrorCode.Forbidden);
    if (assignment.personId === actor.personId && assignment.role === 'admin') throw new PeopleError(PeopleErrorCode.CannotRemoveOwnAdmin);
    await this.assignments.update({ id: assignment.id }, { revokedAt: new Date().toISOString(), revokedBy: actor.personId });
  }

  // ---- for start-up, the CLI and the demo (no actor: the operator of the machine) ----

  /** Creates an organisation-wide administrator; false when the username exists already. */
  async createAdministrator(input: { username: string; password: string; name: string }): Promise<boolean> {
    if (await this.people.existsBy({ username: input.username })) return false;
    await this.dataSource.transaction(async (manager) => {
      const person = await this.insertPerson(manager, { ...input, phone: null, homeUnitId: null });
      await this.insertAssignment(manager, { personId: person.id, role: 'admin', unitId: null, grantedBy: null });
    });
    return true;
  }

  /** Sets a new password (and signs out the person's tokens); false when there is no such username. */
  async resetPassword(username: string, password: string): Promise<boolean> {
    const person = await this.people.findOneBy({ username });
    if (person === null) return false;
    await this.people.update(
      { id: person.id },
      { passwordHash: await this.hasher.hash(password), sessionVersion: person.sessionVersion + 1 },
    );
    return true;
  }

  async insertPerson(
    manager: EntityManager,
    input: { name: string; username: string; password: string; phone: string | null; homeUnitId: string | null },
  ): Promise<PersonEntity> {
    if (await manager.existsBy(PersonEntity, { username: input.username })) throw new PeopleError(PeopleErrorCode.UsernameTaken, 'username');
    const person = manager.create(PersonEntity, {
      id: randomUUID(),
      name: input.name,
      username: input.username,
      passwordHash: await this.hasher.hash(input.password),
      phone: input.phone,
      active: true,
      sessionVersion: 1,
      homeUnitId: input.homeUnitId,
      createdAt: new Date().toISOString(),
    });
    try {
      return await manager.save(person);
    } catch (error) {
      if (isUniqueViolation(error)) throw new PeopleError(PeopleErrorCode.UsernameTaken, 'username');
      throw error;
    }
  }

  async insertAssignment(
    manager: EntityManager,
    input: { personId: string; role: Role; unitId: string | null; grantedBy: string | null },
  ): Promise<RoleAssignmentEntity> {
    const duplicate = await manager.existsBy(RoleAssignmentEntity, {
      personId: input.personId,
      role: input.role,
      unitId: input.unitId ?? IsNull(),
      revokedAt: IsNull(),
    });
    if (duplicate) throw new PeopleError(PeopleErrorCode.RoleAlreadyAssigned);
    const assignment = manager.create(RoleAssignmentEntity, {
      id: randomUUID(),
      ...input,
      grantedAt: new Date().toISOString(),
      revokedAt: null,
      revokedBy: null,
    });
    try {
      return await manager.save(assignment);
    } catch (error) {
      if (isUniqueViolation(error)) throw new PeopleError(PeopleErrorCode.RoleAlreadyAssigned);
      throw error;
    }
  }

  // ---- scope ----

  private async visible(actor: Actor, id: string): Promise<{ person: PersonEntity; footprint: (string | null)[] }> {
    const person = await this.people.findOneBy({ id });
    if (person === null) throw new PeopleError(PeopleErrorCode.PersonNotFound);
    const footprint = (await this.footprints([person])).get(person.id) ?? [];
    const scope = scopeOf(actor);
    if (person.id !== actor.personId && !footprint.some((path) => scopeCovers(scope, path))) {
      throw new PeopleError(PeopleErrorCode.PersonNotFound);
    }
    return { person, footprint };
  }

  /** An admin manages a person only when every place the person sits lies in the admin's subtree. */
  private manages(adminScope: Scope, footprint: readonly (string | null)[]): boolean {
    return footprint.length > 0 && footprint.every((path) => scopeCovers(adminScope, path));
  }

  private contactVisible(actor: Actor, person: PersonEntity, footprint: readonly (string | null)[]): boolean {
    if (person.id === actor.personId) return true;
    const adminScope = scopeOf(actor, ADMIN);
    return footprint.some((path) => scopeCovers(adminScope, path));
  }

  /** For each person, the paths of their home unit and live role units (null: organisation-wide). */
  private async footprints(people: readonly PersonEntity[]): Promise<Map<string, (string | null)[]>> {
    const live = await this.liveAssignments(people.map((p) => p.id));
    const unitIds = [...people.map((p) => p.homeUnitId), ...live.map((a) => a.unitId)].filter((u): u is string => u !== null);
    const paths = await this.units.pathsOf([...new Set(unitIds)]);
    const pathOf = (unitId: string | null) => (unitId === null ? null : (paths.get(unitId) ?? null));
    return new Map(
      people.map((p) => [
        p.id,
        [...(p.homeUnitId === null ? [] : [pathOf(p.homeUnitId)]), ...live.filter((a) => a.personId === p.id).map((a) => pathOf(a.unitId))],
      ]),
    );
  }

  private async liveAssignments(personIds: readonly string[]): Promise<RoleAssignmentEntity[]> {
    if (personIds.length === 0) return [];
    return this.assignments
      .createQueryBuilder('ra')
      .where('ra.personId IN (:...personIds)', { personIds })
      .andWhere('ra.revokedAt IS NULL')
      .orderBy('ra.grantedAt', 'ASC')
      .addOrderBy('ra.id', 'ASC')
      .getMany();
  }
}
