import type { Role } from '../../workflows/org/roles.js';

/** One live role of the signed-in person; `unitPath` null means the whole organisation. */
export interface ActorRole {
  readonly id: string;
  readonly role: Role;
  readonly unitId: string | null;
  readonly unitPath: string | null;
}

/** Who is making the request, loaded fresh from the database on every request. */
export interface Actor {
  readonly personId: string;
  readonly username: string;
  readonly roles: readonly ActorRole[];
}

/** The part of the unit tree an actor reaches: everything, or the subtrees under some paths. */
export type Scope = { readonly all: true } | { readonly all: false; readonly paths: readonly string[] };

const holds = (actor: Actor, roles: readonly Role[] | undefined) =>
  actor.roles.filter((r) => roles === undefined || roles.includes(r.role));

/** The actor's scope through any role, or only through the given roles (e.g. `['admin']`). */
export const scopeOf = (actor: Actor, roles?: readonly Role[]): Scope => {
  const held = holds(actor, roles);
  if (held.some((r) => r.unitPath === null)) return { all: true };
  const paths = held.map((r) => r.unitPath as string);
  // drop paths inside another path: they add nothing to the scope
  return { all: false, paths: paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q))) };
};

/** Whether a unit (by its path; null: the whole organisation) lies within the scope. */
export const scopeCovers = (scope: Scope, unitPath: string | null): boolean =>
  scope.all || (unitPath !== null && scope.paths.some((p) => unitPath.startsWith(p)));

export const covers = (actor: Actor, unitPath: string | null, roles?: readonly Role[]): boolean =>
  scopeCovers(scopeOf(actor, roles), unitPath);

/**
 * SQL for "the path column lies in the scope", with uniquely named parameters. An empty scope
 * yields a condition that is always false, never an absent one.
 */
export const scopeSql = (scope: Scope, column: string, prefix: string): { sql: string; params: Record<string, string> } => {
  if (scope.all) return { sql: '1 = 1', params: {} };
  if (scope.paths.length === 0) return { sql: '1 = 0', params: {} };
  const params: Record<string, string> = {};
  const parts = scope.paths.map((path, i) => {
    params[`${prefix}${i}`] = `${path}%`;
    return `${column} LIKE :${prefix}${i}`;
  });
  return { sql: `(${parts.join(' OR ')})`, params };
};

/** The role the actor acts in on a unit: the nearest of `roles` held at the unit or above it. */
export const actingRole = (actor: Actor, unitPath: string, roles: readonly Role[]): ActorRole | undefined =>
  actor.roles
    .filter((r) => roles.includes(r.role) && (r.unitPath === null || unitPath.startsWith(r.unitPath)))
    .sort((a, b) => (b.unitPath?.length ?? 0) - (a.unitPath?.length ?? 0))[0];
