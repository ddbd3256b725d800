import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { isRole } from '../../workflows/org/roles.js';
import { PersonEntity } from '../people/person.entity.js';
import { RoleAssignmentEntity } from '../people/role-assignment.entity.js';
import type { Actor, ActorRole } from './actor.js';

/**
 * Loads the actor behind a token: one lookup of the person and one of their live roles, on every
 * request, so a deactivation or a removed role takes effect on the very next request.
 */
@Injectable()
export class ActorService {
  constructor(
    @InjectRepository(PersonEntity) private readonly people: Repository<PersonEntity>,
    @InjectRepository(RoleAssignmentEntity) private readonly assignments: Repository<RoleAssignmentEntity>,
  ) {}

  /** The actor, or null when the person is unknown, inactive, or the token predates a password change. */
  async load(personId: string, sessionVersion: number): Promise<Actor | null> {
    const person = await this.people.findOneBy({ id: personId });
    if (person === null || !person.active || person.sessionVersion !== sessionVersion) return null;
    return { personId: person.id, username: person.username, roles: await this.liveRoles(person.id) };
  }

  async liveRoles(personId: string): Promise<ActorRole[]> {
    const rows = await this.assignments
      .createQueryBuilder('ra')
      .leftJoin('units', 'u', 'u.id = ra.unit_id')
      .select(['ra.id AS id', 'ra.role AS role', 'ra.unit_id AS "unitId"', 'u.path AS "unitPath"'])
      .where('ra.person_id = :personId', { personId })
      .andWhere('ra.revoked_at IS NULL')
      .orderBy('ra.granted_at', 'ASC')
      .addOrderBy('ra.id', 'ASC')
      .getRawMany<{ id: string; role: string; unitId: string | null; unitPath: string | null }>();
    // a role name the catalogue no longer knows grants nothing
    return rows.flatMap((r) => (isRole(r.role) ? [{ id: r.id, role: r.role, unitId: r.unitId, unitPath: r.unitPath }] : []));
  }
}
