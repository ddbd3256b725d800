import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { isRole } from '../../workflows/org/roles.js';
import { rawQuery } from '../database/raw-query.js';
import type { Actor, ActorRole } from './actor.js';

interface ActorRow {
  person_id: string;
  username: string;
  active: boolean | number;
  session_version: number | string;
  role_id: string | null;
  role: string | null;
  unit_id: string | null;
  unit_path: string | null;
}

/**
 * The person and their live roles (with the path of each role's unit), in grant order; one row
 * per live role, or one row with null role columns when there is none.
 *
 * Performance (docs/performance.md): this runs on every authenticated request. It used to be a
 * repository `findOneBy` plus a query builder — two queries through TypeORM's entity machinery,
 * about a tenth of the server's CPU under load. It is now one plain indexed query (the primary
 * key of `people`, the `person_id` index of `role_assignments`), still read fresh from the
 * database on every request: nothing is cached, so a deactivation, a password change or a
 * removed role still takes effect on the very next request.
 */
const ACTOR_SQL = `SELECT p.id AS person_id, p.username AS username, p.active AS active, p.session_version AS session_version,
       ra.id AS role_id, ra.role AS role, ra.unit_id AS unit_id, u.path AS unit_path
  FROM people p
  LEFT JOIN role_assignments ra ON ra.person_id = p.id AND ra.revoked_at IS NULL
  LEFT JOIN units u ON u.id = ra.unit_id
 WHERE p.id = $1
 ORDER BY ra.granted_at ASC, ra.id ASC`;

/** SQLite answers booleans as 0/1, PostgreSQL as true/false. */
const isTrue = (value: boolean | number): boolean => value === true || value === 1;

// a role name the catalogue no longer knows grants nothing
const rolesOf = (rows: readonly ActorRow[]): ActorRole[] =>
  rows.flatMap((r) => (r.role_id !== null && r.role !== null && isRole(r.role) ? [{ id: r.role_id, role: r.role, unitId: r.unit_id, unitPath: r.unit_path }] : []));

/**
 * Loads the actor behind a token from the database on every request, so a deactivation or a
 * removed role takes effect on the very next request.
 */
@Injectable()
export class ActorService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The actor, or null when the person is unknown, inactive, or the token predates a password change. */
  async load(personId: string, sessionVersion: number): Promise<Actor | null> {
    const rows = await rawQuery<ActorRow>(this.dataSource, ACTOR_SQL, [personId]);
    const person = rows[0];
    if (person === undefined || !isTrue(person.active) || Number(person.session_version) !== sessionVersion) return null;
    return { personId: person.person_id, username: person.username, roles: rolesOf(rows) };
  }

  async liveRoles(personId: string): Promise<ActorRole[]> {
    return rolesOf(await rawQuery<ActorRow>(this.dataSource, ACTOR_SQL, [personId]));
  }
}
