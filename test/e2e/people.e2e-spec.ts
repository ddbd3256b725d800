import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyString } from '../support/matchers.js';
import { as, createPerson, createUnit, type Caller } from '../support/api.js';
import { ROOT_PASSWORD, ROOT_USERNAME, startTestApp, type TestApp } from '../support/test-app.js';

describe('people and role assignments', () => {
  let t: TestApp;
  let root: Caller;
  let district: string;
  let beitan: string;
  let nancun: string;
  let feicuijun: string;
  let beitanAdmin: Caller;
  beforeAll(async () => {
    t = await startTestApp();
    root = as(t.http, await t.login(ROOT_USERNAME, ROOT_PASSWORD));
    district = await createUnit(root, { name: '天桥区', kind: 'district' });
    beitan = await createUnit(root, { name: '北坦街道', kind: 'subdistrict', parentId: district });
    nancun = await createUnit(root, { name: '南村街道', kind: 'subdistrict', parentId: district });
    feicuijun = await createUnit(root, { name: '翡翠郡社区', kind: 'community', parentId: beitan, communityType: 'open' });
    await createPerson(root, { username: 'beitan.admin', unitId: beitan, role: 'admin' });
    beitanAdmin = as(t.http, await t.login('beitan.admin', 'password-1234'));
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a person with exactly the contract fields; the password is never returned', async () => {
    const res = await beitanAdmin
      .post('/api/people', { name: '王秀英', username: 'wang.xiuying', password: 'a-long-password', phone: '+86 531 8888 0000', unitId: feicuijun })
      .expect(201);
    expect(res.body).toEqual({ id: anyString(), name: '王秀英', username: 'wang.xiuying', phone: '+86 531 8888 0000', active: true });
    const again = await beitanAdmin.get(`/api/people/${(res.body as { id: string }).id}`).expect(200);
    expect(JSON.stringify(again.body)).not.toMatch(/password|hash|scrypt/i);
  });

  it('refuses a taken username with 409 and the field', async () => {
    const res = await beitanAdmin.post('/api/people', { name: '另一个', username: 'wang.xiuying', password: 'a-long-password', unitId: feicuijun }).expect(409);
    expect(res.body).toMatchObject({ code: 'USERNAME_TAKEN', field: 'username' });
  });

  it.each([
    [{ name: 'x', username: 'Bad Name', password: 'a-long-password' }, 'username', 'INVALID_FORMAT'],
    [{ name: 'x', username: 'short.pw', password: 'short' }, 'password', 'TOO_SHORT'],
    [{ name: 'x', username: 'long.pw', password: 'p'.repeat(129) }, 'password', 'TOO_LONG'],
    [{ name: 'x', username: 'phone.bad', password: 'a-long-password', phone: 'call me' }, 'phone', 'INVALID_FORMAT'],
    [{ name: 'x', username: 'role.sneak', password: 'a-long-password', role: 'admin' }, 'role', 'UNKNOWN_FIELD'],
    [{ name: 'x', username: 'active.sneak', password: 'a-long-password', active: 'yes' }, 'active', 'UNKNOWN_FIELD'],
  ])('refuses %j (%s %s) and writes nothing', async (body, field, code) => {
    const before = ((await root.get('/api/people')).body as { total: number }).total;
    const res = await beitanAdmin.post('/api/people', { ...body, unitId: feicuijun }).expect(400);
    expect((res.body as { errors: unknown[] }).errors).toContainEqual(expect.objectContaining({ field, code }));
    expect(JSON.stringify(res.body)).not.toContain('a-long-password');
    expect(((await root.get('/api/people')).body as { total: number }).total).toBe(before);
  });

  it('gives and lists roles; a role name outside the catalogue is refused', async () => {
    const { id } = await createPerson(beitanAdmin, { username: 'li.ming', unitId: feicuijun });
    const given = await beitanAdmin.post(`/api/people/${id}/roles`, { role: 'council_member', unitId: feicuijun }).expect(201);
    expect(given.body).toEqual({ id: anyString(), role: 'council_member', unitId: feicuijun });
    await beitanAdmin.post(`/api/people/${id}/roles`, { role: 'council_member', unitId: feicuijun }).expect(409);
    const bad = await beitanAdmin.post(`/api/people/${id}/roles`, { role: 'mayor', unitId: feicuijun }).expect(400);
    expect((bad.body as { errors: unknown[] }).errors).toContainEqual(expect.objectContaining({ field: 'role', code: 'NOT_ALLOWED_VALUE' }));
    const list = await beitanAdmin.get(`/api/people/${id}/roles`).expect(200);
    expect(list.body).toMatchObject({ total: 1, items: [{ role: 'council_member', unitId: feicuijun }] });
  });

  it('a removed role stops working on the next request, and stays out of the list', async () => {
    const { id, assignmentId } = await createPerson(beitanAdmin, { username: 'zhao.jing', unitId: feicuijun, role: 'council_clerk' });
    const clerk = as(t.http, await t.login('zhao.jing', 'password-1234'));
    await clerk.get(`/api/units/${feicuijun}`).expect(200);
    await beitanAdmin.delete(`/api/people/${id}/roles/${assignmentId}`).expect(204);
    await clerk.get(`/api/units/${feicuijun}`).expect(404);
    expect((await beitanAdmin.get(`/api/people/${id}/roles`)).body).toMatchObject({ total: 0 });
    await beitanAdmin.delete(`/api/people/${id}/roles/${assignmentId}`).expect(404);
  });

  it('organisation-wide roles: admin only, granted only by organisation-wide admins', async () => {
    const { id } = await createPerson(beitanAdmin, { username: 'org.wide', unitId: feicuijun });
    const notAdmin = await root.post(`/api/people/${id}/roles`, { role: 'supervisor', unitId: null }).expect(422);
    expect(notAdmin.body).toMatchObject({ code: 'ORGANISATION_WIDE_ROLE_IS_ADMIN_ONLY', field: 'unitId' });
    await beitanAdmin.post(`/api/people/${id}/roles`, { role: 'admin', unitId: null }).expect(403);
    const missing = await root.post(`/api/people/${id}/roles`, { role: 'admin' }).expect(400);
    expect((missing.body as { errors: unknown[] }).errors).toContainEqual(expect.objectContaining({ field: 'unitId', code: 'REQUIRED' }));
  });

  it('a sub-district admin cannot change someone who also holds a role elsewhere', async () => {
    const { id } = await createPerson(root, { username: 'chen.two.places', unitId: feicuijun, role: 'resident' });
    await root.post(`/api/people/${id}/roles`, { role: 'resident', unitId: nancun }).expect(201);
    await beitanAdmin.get(`/api/people/${id}`).expect(200);
    const res = await beitanAdmin.patch(`/api/people/${id}`, { password: 'taken-over-1234' }).expect(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN' });
    await t.login('chen.two.places', 'password-1234');
    // and sees only the roles inside 北坦街道
    expect((await beitanAdmin.get(`/api/people/${id}/roles`)).body).toMatchObject({ total: 1, items: [{ unitId: feicuijun }] });
  });

  it('deactivation takes effect on the next request and blocks sign-in', async () => {
    const { id } = await createPerson(beitanAdmin, { username: 'sun.deactivated', unitId: feicuijun, role: 'resident' });
    const person = as(t.http, await t.login('sun.deactivated', 'password-1234'));
    await person.get('/api/me').expect(200);
    expect((await beitanAdmin.patch(`/api/people/${id}`, { active: false }).expect(200)).body).toMatchObject({ active: false });
    await person.get('/api/me').expect(401);
    const login = await t.http().post('/api/auth/login').send({ username: 'sun.deactivated', password: 'password-1234' }).expect(401);
    expect(login.body).toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('people change their own name, phone and password, but not their active flag; a new password ends old tokens', async () => {
    const { id } = await createPerson(beitanAdmin, { username: 'self.service', unitId: feicuijun, role: 'resident' });
    const me = as(t.http, await t.login('self.service', 'password-1234'));
    await me.patch(`/api/people/${id}`, { name: '自己改名', phone: '13800000000' }).expect(200);
    expect((await me.patch(`/api/people/${id}`, { active: false }).expect(409)).body).toMatchObject({ code: 'CANNOT_DEACTIVATE_SELF' });
    await me.patch(`/api/people/${id}`, { password: 'new-password-5678' }).expect(200);
    await me.get('/api/me').expect(401);
    const fresh = as(t.http, await t.login('self.service', 'new-password-5678'));
    expect((await fresh.get('/api/me')).body).toMatchObject({ person: { name: '自己改名', phone: '13800000000' } });
  });

  it('phone numbers are shown to the person and their admins only', async () => {
    const { id } = await createPerson(beitanAdmin, { username: 'has.phone', unitId: feicuijun, role: 'resident' });
    await beitanAdmin.patch(`/api/people/${id}`, { phone: '13912345678' }).expect(200);
    const { id: neighbourId } = await createPerson(beitanAdmin, { username: 'neighbour', unitId: feicuijun, role: 'resident' });
    const neighbour = as(t.http, await t.login('neighbour', 'password-1234'));
    expect((await neighbour.get(`/api/people/${id}`).expect(200)).body).toMatchObject({ username: 'has.phone', phone: null });
    expect((await beitanAdmin.get(`/api/people/${id}`)).body).toMatchObject({ phone: '13912345678' });
    expect((await neighbour.get(`/api/people/${neighbourId}`)).body).toMatchObject({ username: 'neighbour' });
  });

  it('an admin cannot remove their own admin role', async () => {
    const me = (await beitanAdmin.get('/api/me')).body as { person: { id: string }; roles: { id: string }[] };
    const res = await beitanAdmin.delete(`/api/people/${me.person.id}/roles/${me.roles[0]?.id}`).expect(409);
    expect(res.body).toMatchObject({ code: 'CANNOT_REMOVE_OWN_ADMIN' });
  });

  it('GET /api/me shows the person and live roles', async () => {
    const res = await beitanAdmin.get('/api/me').expect(200);
    expect(res.body).toEqual({
      person: { id: anyString(), name: 'beitan.admin', username: 'beitan.admin', phone: null, active: true },
      roles: [{ id: anyString(), role: 'admin', unitId: beitan }],
    });
  });

  it('lists people in scope, paginated', async () => {
    const all = await root.get('/api/people?pageSize=3').expect(200);
    expect(all.body).toMatchObject({ page: 1, pageSize: 3 });
    expect((all.body as { items: unknown[] }).items).toHaveLength(3);
    const total = (all.body as { total: number }).total;
    const pages = Math.ceil(total / 3);
    const seen = new Set<string>();
    for (let page = 1; page <= pages; page += 1) {
      for (const p of ((await root.get(`/api/people?pageSize=3&page=${page}`)).body as { items: { id: string }[] }).items) seen.add(p.id);
    }
    expect(seen.size).toBe(total);
    // the sub-district admin does not see the organisation-wide root account
    const scoped = (await beitanAdmin.get('/api/people?pageSize=100')).body as { items: { username: string }[] };
    expect(scoped.items.map((p) => p.username)).not.toContain('root.admin');
    expect(scoped.items.map((p) => p.username)).toContain('wang.xiuying');
  });
});
