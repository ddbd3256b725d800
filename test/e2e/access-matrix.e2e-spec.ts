import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_NAMES, type Role } from '../../workflows/org/roles.js';
import { ARCHIVE_ROLES } from '../../src/audit/archive/archive.service.js';
import { as, createPerson, createUnit, type Caller } from '../support/api.js';
import { ROOT_PASSWORD, ROOT_USERNAME, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every route × every role × a unit inside and a unit outside the caller's scope. Each actor holds
 * one role at community C1 (under sub-district S1); "out" targets sit in community C2 under S2.
 * Reads in scope: 200. Writes in scope: admin only (others 403). Anything out of scope: 404.
 */
type Scope = 'in' | 'out';
type Actor = Role | 'root';

interface Fixture {
  unit: Record<Scope, string>;
  person: Record<Scope, string>;
}

interface RouteCase {
  name: string;
  write: boolean;
  success: number;
  /** Only these roles (in scope) succeed; the others get 403. */
  roles?: readonly Role[];
  call: (caller: Caller, scope: Scope, n: number) => Promise<{ status: number }>;
}

describe('access matrix: route × role × in/out of scope', () => {
  let t: TestApp;
  let root: Caller;
  const f: Fixture = { unit: { in: '', out: '' }, person: { in: '', out: '' } };
  const callers = new Map<Actor, Caller>();
  const spare: Record<Scope, string[]> = { in: [], out: [] };

  /** A live assignment to try deleting (refilled after a successful delete). */
  const assignmentFor = async (scope: Scope): Promise<string> => {
    if (spare[scope].length === 0) {
      const role: Role = 'grid_worker';
      const res = await root.post(`/api/people/${f.person[scope]}/roles`, { role, unitId: f.unit[scope] });
      if (res.status === 201) spare[scope].push((res.body as { id: string }).id);
      else throw new Error(`could not prepare an assignment: ${res.status}`);
    }
    return spare[scope][0] as string;
  };

  const ROUTES: RouteCase[] = [
    { name: 'GET /api/units/:id', write: false, success: 200, call: (c, s) => c.get(`/api/units/${f.unit[s]}`) },
    { name: 'GET /api/units/:id/children', write: false, success: 200, call: (c, s) => c.get(`/api/units/${f.unit[s]}/children`) },
    { name: 'PATCH /api/units/:id', write: true, success: 200, call: (c, s, n) => c.patch(`/api/units/${f.unit[s]}`, { households: 1000 + n }) },
    {
      name: 'POST /api/units',
      write: true,
      success: 201,
      call: (c, s, n) => c.post('/api/units', { name: `网格${n}`, kind: 'grid', parentId: f.unit[s], households: 300, adultPopulation: 700 }),
    },
    { name: 'GET /api/people/:id', write: false, success: 200, call: (c, s) => c.get(`/api/people/${f.person[s]}`) },
    { name: 'PATCH /api/people/:id', write: true, success: 200, call: (c, s, n) => c.patch(`/api/people/${f.person[s]}`, { name: `居民${n}` }) },
    { name: 'GET /api/people/:id/roles', write: false, success: 200, call: (c, s) => c.get(`/api/people/${f.person[s]}/roles`) },
    {
      name: 'POST /api/people/:id/roles',
      write: true,
      success: 201,
      call: async (c, s, n) => {
        // a fresh person each time, so a success never turns the next attempt into a 409
        const target = await createPerson(root, { username: `target.${s}.${n}`, unitId: f.unit[s] });
        return c.post(`/api/people/${target.id}/roles`, { role: 'council_member', unitId: f.unit[s] });
      },
    },
    {
      name: 'DELETE /api/people/:id/roles/:assignmentId',
      write: true,
      success: 204,
      call: async (c, s) => {
        const id = await assignmentFor(s);
        const res = await c.delete(`/api/people/${f.person[s]}/roles/${id}`);
        if (res.status === 204) spare[s].shift();
        return res;
      },
    },
    {
      name: 'POST /api/people',
      write: true,
      success: 201,
      call: (c, s, n) => c.post('/api/people', { name: `新人${n}`, username: `new.${s}.${n}`, password: 'password-1234', unitId: f.unit[s] }),
    },
    { name: 'GET /api/units/:id/step-limits', write: false, success: 200, call: (c, s) => c.get(`/api/units/${f.unit[s]}/step-limits`) },
    {
      name: 'PUT /api/units/:id/step-limits/:procedureId/:state',
      write: true,
      success: 200,
      call: (c, s, n) => c.put(`/api/units/${f.unit[s]}/step-limits/five-step/research`, { days: 1 + (n % 300) }),
    },
    {
      name: 'DELETE /api/units/:id/step-limits/:procedureId/:state',
      write: true,
      success: 200,
      call: async (c, s) => {
        // a limit to remove, set by the organisation-wide admin each time
        await root.put(`/api/units/${f.unit[s]}/step-limits/five-step/study`, { days: 7 });
        return c.delete(`/api/units/${f.unit[s]}/step-limits/five-step/study`);
      },
    },
    { name: 'GET /api/units/:id/overdue', write: false, success: 200, call: (c, s) => c.get(`/api/units/${f.unit[s]}/overdue`) },
    { name: 'GET /api/units/:id/settings-changes', write: false, success: 200, call: (c, s) => c.get(`/api/units/${f.unit[s]}/settings-changes`) },
    {
      name: 'GET /api/units/:id/archive',
      write: false,
      success: 200,
      roles: ARCHIVE_ROLES,
      call: async (c, s) => {
        // a case in each community, so there is an entry for the archive's checkpoint to cover
        archived[s] ??= root.post('/api/cases', { procedure: 'five-step', unitId: f.unit[s], title: '档案', description: '档案' }).then((res) => res.status);
        if ((await archived[s]) !== 201) throw new Error('could not open a case to archive');
        return c.get(`/api/units/${f.unit[s]}/archive?from=2020-01-01&to=2099-12-31`);
      },
    },
  ];
  const archived: Partial<Record<Scope, Promise<number>>> = {};

  const expected = (actor: Actor, route: RouteCase, scope: Scope): number => {
    if (actor === 'root') return route.success;
    if (scope === 'out') return 404;
    if (route.write && actor !== 'admin') return 403;
    if (route.roles !== undefined && !route.roles.includes(actor)) return 403;
    return route.success;
  };

  beforeAll(async () => {
    t = await startTestApp();
    root = as(t.http, await t.login(ROOT_USERNAME, ROOT_PASSWORD));
    callers.set('root', root);
    const district = await createUnit(root, { name: '天桥区', kind: 'district' });
    const s1 = await createUnit(root, { name: '北坦街道', kind: 'subdistrict', parentId: district });
    const s2 = await createUnit(root, { name: '南村街道', kind: 'subdistrict', parentId: district });
    f.unit.in = await createUnit(root, { name: '翡翠郡社区', kind: 'community', parentId: s1, communityType: 'open' });
    f.unit.out = await createUnit(root, { name: '西社区', kind: 'community', parentId: s2, communityType: 'open' });
    f.person.in = (await createPerson(root, { username: 'resident.in', unitId: f.unit.in, role: 'resident' })).id;
    f.person.out = (await createPerson(root, { username: 'resident.out', unitId: f.unit.out, role: 'resident' })).id;
    for (const role of ROLE_NAMES) {
      const username = `actor.${role.replaceAll('_', '-')}`;
      await createPerson(root, { username, unitId: f.unit.in, role });
      callers.set(role, as(t.http, await t.login(username, 'password-1234')));
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('every route gives each role the status its scope and role call for', async () => {
    const mismatches: string[] = [];
    let n = 0;
    let checked = 0;
    for (const [actor, caller] of callers) {
      for (const route of ROUTES) {
        for (const scope of ['in', 'out'] as const) {
          n += 1;
          const res = await route.call(caller, scope, n);
          const want = expected(actor, route, scope);
          checked += 1;
          if (res.status !== want) mismatches.push(`${actor} ${route.name} (${scope}): got ${res.status}, want ${want}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe((ROLE_NAMES.length + 1) * ROUTES.length * 2);
  });

  it('lists hold only what is in scope', async () => {
    for (const [actor, caller] of callers) {
      const unitItems = ((await caller.get('/api/units?pageSize=100')).body as { items: { id: string; parentId: string | null }[] }).items;
      const units = unitItems.map((u) => u.id);
      const people = ((await caller.get('/api/people?pageSize=100')).body as { items: { id: string }[] }).items.map((p) => p.id);
      expect(units, actor).toContain(f.unit.in);
      expect(people, actor).toContain(f.person.in);
      if (actor === 'root') {
        expect(units).toContain(f.unit.out);
        expect(people).toContain(f.person.out);
      } else {
        expect(units, actor).not.toContain(f.unit.out);
        expect(people, actor).not.toContain(f.person.out);
        // nothing above or beside the role's community: only it and the grids created under it
        for (const unit of unitItems) expect(unit.id === f.unit.in || unit.parentId === f.unit.in, `${actor} sees ${unit.id}`).toBe(true);
      }
    }
  });

  it('GET /api/me works for every role', async () => {
    for (const [actor, caller] of callers) expect((await caller.get('/api/me')).status, actor).toBe(200);
  });

  it('without a token every route but sign-in and health answers 401', async () => {
    const id = f.unit.in;
    const requests = [
      t.http().get('/api/me'),
      t.http().get('/api/units'),
      t.http().post('/api/units').send({}),
      t.http().get(`/api/units/${id}`),
      t.http().patch(`/api/units/${id}`).send({}),
      t.http().get(`/api/units/${id}/children`),
      t.http().get('/api/people'),
      t.http().post('/api/people').send({}),
      t.http().get(`/api/people/${id}`),
      t.http().patch(`/api/people/${id}`).send({}),
      t.http().get(`/api/people/${id}/roles`),
      t.http().post(`/api/people/${id}/roles`).send({}),
      t.http().delete(`/api/people/${id}/roles/${id}`),
      t.http().get(`/api/units/${id}/step-limits`),
      t.http().put(`/api/units/${id}/step-limits/five-step/research`).send({ days: 3 }),
      t.http().delete(`/api/units/${id}/step-limits/five-step/research`),
      t.http().get(`/api/units/${id}/overdue`),
      t.http().get(`/api/units/${id}/settings-changes`),
      t.http().get(`/api/units/${id}/archive?from=2026-01-01&to=2026-01-31`),
    ];
    for (const [i, req] of requests.entries()) {
      const res = await req;
      expect(res.status, `request #${i}`).toBe(401);
      expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    await t.http().get('/health').expect(200);
  });

  it('a sub-district admin cannot add a root unit, reach the district, or grant organisation-wide admin', async () => {
    const admin = callers.get('admin') as Caller;
    expect((await admin.post('/api/units', { name: '历城区', kind: 'district', households: 1, adultPopulation: 1 })).status).toBe(403);
    const me = (await admin.get('/api/me')).body as { roles: { unitId: string }[] };
    expect(me.roles[0]?.unitId).toBe(f.unit.in);
    expect((await admin.post(`/api/people/${f.person.in}/roles`, { role: 'admin', unitId: null })).status).toBe(403);
  });
});

/**
 * Village affairs publication (src/publications): every protected route × every role held at a
 * village × that village and one outside the caller's scope. Out of scope: 404; in scope, by the
 * route's roles (CALENDAR_READERS, PUBLISHERS, SETTINGS_EDITORS): success or 403.
 */
describe('access matrix: village publications', () => {
  let t: TestApp;
  const villages: Record<Scope, string> = { in: '', out: '' };
  const callers = new Map<Actor, Caller>();
  const readers: Role[] = ['village_committee', 'party_branch', 'supervisor', 'township_party_committee'];
  const ROUTES: (RouteCase & { roles: Role[] })[] = [
    { name: 'GET /api/units/:id/publication-calendar', write: false, success: 200, roles: readers, call: (c, s) => c.get(`/api/units/${villages[s]}/publication-calendar`) },
    { name: 'GET /api/units/:id/publications/verify', write: false, success: 200, roles: readers, call: (c, s) => c.get(`/api/units/${villages[s]}/publications/verify`) },
    {
      name: 'POST /api/units/:id/publications',
      write: true,
      success: 201,
      roles: ['village_committee'],
      call: (c, s, n) => c.post(`/api/units/${villages[s]}/publications`, { matter: 'major_matters', title: `公告${n}`, body: '内容' }),
    },
    {
      name: 'PUT /api/units/:id/publication-settings',
      write: true,
      success: 200,
      roles: ['village_committee', 'township_party_committee'],
      call: (c, s) => c.put(`/api/units/${villages[s]}/publication-settings`, { financeCadence: 'monthly', graceDays: 10, trackedFrom: '2026-01-01' }),
    },
  ];

  beforeAll(async () => {
    t = await startTestApp();
    const root = as(t.http, await t.login(ROOT_USERNAME, ROOT_PASSWORD));
    callers.set('root', root);
    const district = await createUnit(root, { name: '天桥区', kind: 'district' });
    const t1 = await createUnit(root, { name: '桑梓店镇', kind: 'town', parentId: district });
    const t2 = await createUnit(root, { name: '大桥镇', kind: 'town', parentId: district });
    villages.in = await createUnit(root, { name: '鹊山村', kind: 'village', parentId: t1 });
    villages.out = await createUnit(root, { name: '北店子村', kind: 'village', parentId: t2 });
    for (const role of ROLE_NAMES) {
      const username = `village.${role.replaceAll('_', '-')}`;
      await createPerson(root, { username, unitId: villages.in, role });
      callers.set(role, as(t.http, await t.login(username, 'password-1234')));
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('every route gives each role the status its scope and role call for', async () => {
    const mismatches: string[] = [];
    let n = 0;
    for (const [actor, caller] of callers) {
      for (const route of ROUTES) {
        for (const scope of ['in', 'out'] as const) {
          n += 1;
          const res = await route.call(caller, scope, n);
          // the organisation-wide admin sees every village but holds none of these roles
          const want = actor !== 'root' && scope === 'out' ? 404 : actor !== 'root' && route.roles.includes(actor) ? route.success : 403;
          if (res.status !== want) mismatches.push(`${actor} ${route.name} (${scope}): got ${res.status}, want ${want}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(n).toBe((ROLE_NAMES.length + 1) * ROUTES.length * 2);
  });

  it('without a token every publication route but the public ones answers 401', async () => {
    const id = villages.in;
    for (const req of [
      t.http().get(`/api/units/${id}/publication-calendar`),
      t.http().get(`/api/units/${id}/publications/verify`),
      t.http().post(`/api/units/${id}/publications`).send({}),
      t.http().put(`/api/units/${id}/publication-settings`).send({}),
    ]) {
      expect((await req).status).toBe(401);
    }
    await t.http().get(`/api/public/units/${id}/publications`).expect(200);
    await t.http().get(`/public/units/${id}/publications`).expect(200);
  });
});
