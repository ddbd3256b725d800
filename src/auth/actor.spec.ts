import { describe, expect, it } from 'vitest';
import type { Role } from '../../workflows/org/roles.js';
import { covers, scopeOf, scopeSql, type Actor } from './actor.js';

const actorWith = (...roles: [Role, string | null][]): Actor => ({
  personId: 'p',
  username: 'u',
  roles: roles.map(([role, unitPath], i) => ({ id: String(i), role, unitId: unitPath, unitPath })),
});

describe(scopeOf.name, () => {
  it('covers the unit of a role and everything below it, nothing beside or above', () => {
    const sut = actorWith(['council_clerk', '/d/s/c/']);
    expect(covers(sut, '/d/s/c/')).toBe(true);
    expect(covers(sut, '/d/s/c/g/')).toBe(true);
    expect(covers(sut, '/d/s/')).toBe(false);
    expect(covers(sut, '/d/s/c2/')).toBe(false);
    expect(covers(sut, null)).toBe(false);
  });

  it('limits to the given roles', () => {
    const sut = actorWith(['resident', '/d/'], ['admin', '/d/s/']);
    expect(covers(sut, '/d/x/', ['admin'])).toBe(false);
    expect(covers(sut, '/d/s/x/', ['admin'])).toBe(true);
  });

  it('an organisation-wide role covers everything', () => {
    expect(scopeOf(actorWith(['admin', null]))).toEqual({ all: true });
  });

  it('drops paths already inside another', () => {
    expect(scopeOf(actorWith(['resident', '/d/s/'], ['admin', '/d/']))).toEqual({ all: false, paths: ['/d/'] });
  });
});

describe(scopeSql.name, () => {
  it('is always false for an empty scope, never absent', () => {
    expect(scopeSql({ all: false, paths: [] }, 'u.path', 's').sql).toBe('1 = 0');
  });

  it('names one LIKE parameter per path', () => {
    expect(scopeSql({ all: false, paths: ['/a/', '/b/'] }, 'u.path', 's')).toEqual({
      sql: '(u.path LIKE :s0 OR u.path LIKE :s1)',
      params: { s0: '/a/%', s1: '/b/%' },
    });
  });
});
