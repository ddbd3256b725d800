import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyString } from '../support/matchers.js';
import { as, createUnit, type Caller } from '../support/api.js';
import { ROOT_PASSWORD, ROOT_USERNAME, startTestApp, type TestApp } from '../support/test-app.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('units: the organisation tree', () => {
  let t: TestApp;
  let root: Caller;
  let district: string;
  let subdistrict: string;
  let community: string;
  beforeAll(async () => {
    t = await startTestApp();
    root = as(t.http, await t.login(ROOT_USERNAME, ROOT_PASSWORD));
    district = await createUnit(root, { name: '天桥区', kind: 'district', households: 245000, adultPopulation: 560000 });
    subdistrict = await createUnit(root, { name: '北坦街道', kind: 'subdistrict', parentId: district });
    community = await createUnit(root, { name: '翡翠郡社区', kind: 'community', parentId: subdistrict, communityType: 'open' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('returns a unit with exactly the contract fields', async () => {
    const res = await root.get(`/api/units/${community}`).expect(200);
    expect(res.body).toEqual({
      id: community,
      name: '翡翠郡社区',
      kind: 'community',
      parentId: subdistrict,
      households: 100,
      adultPopulation: 200,
      communityType: 'open',
    });
  });

  it('enforces the kind rules: a grid sits under a community or village, not a sub-district', async () => {
    const res = await root.post('/api/units', { name: '第一网格', kind: 'grid', parentId: subdistrict, households: 300, adultPopulation: 700 }).expect(422);
    expect(res.body).toMatchObject({ code: 'KIND_NOT_ALLOWED_HERE', field: 'parentId' });
    await root.post('/api/units', { name: '第一网格', kind: 'grid', parentId: community, households: 300, adultPopulation: 700 }).expect(201);
  });

  it('only a district may be a root', async () => {
    const res = await root.post('/api/units', { name: '孤街道', kind: 'subdistrict', households: 1, adultPopulation: 1 }).expect(422);
    expect(res.body).toMatchObject({ code: 'KIND_NOT_ALLOWED_HERE', field: 'kind' });
  });

  it('a community needs a type and only a community has one', async () => {
    const missing = await root.post('/api/units', { name: '无类型社区', kind: 'community', parentId: subdistrict, households: 1, adultPopulation: 1 }).expect(422);
    expect(missing.body).toMatchObject({ code: 'COMMUNITY_TYPE_REQUIRED', field: 'communityType' });
    const extra = await root.post('/api/units', { name: '南村街道', kind: 'subdistrict', parentId: district, communityType: 'open', households: 1, adultPopulation: 1 }).expect(422);
    expect(extra.body).toMatchObject({ code: 'COMMUNITY_TYPE_NOT_ALLOWED' });
    const patch = await root.patch(`/api/units/${subdistrict}`, { communityType: 'closed' }).expect(422);
    expect(patch.body).toMatchObject({ code: 'COMMUNITY_TYPE_NOT_ALLOWED' });
  });

  it('refuses two siblings with the same name', async () => {
    const res = await root.post('/api/units', { name: '北坦街道', kind: 'subdistrict', parentId: district, households: 1, adultPopulation: 1 }).expect(409);
    expect(res.body).toMatchObject({ code: 'UNIT_NAME_TAKEN', field: 'name' });
  });

  it('lists children and pages through them', async () => {
    for (const name of ['北村街道', '南村街道']) await createUnit(root, { name, kind: 'subdistrict', parentId: district });
    const first = await root.get(`/api/units/${district}/children?page=1&pageSize=2`).expect(200);
    expect(first.body).toMatchObject({ page: 1, pageSize: 2, total: 3 });
    expect((first.body as { items: unknown[] }).items).toHaveLength(2);
    const last = await root.get(`/api/units/${district}/children?page=2&pageSize=2`).expect(200);
    expect((last.body as { items: { parentId: string }[] }).items).toEqual([expect.objectContaining({ parentId: district })]);
    const byKind = await root.get('/api/units?kind=subdistrict').expect(200);
    expect(byKind.body).toMatchObject({ total: 3 });
  });

  it('updates only the given fields', async () => {
    const res = await root.patch(`/api/units/${community}`, { households: 3200, adultPopulation: 7600, communityType: 'closed' }).expect(200);
    expect(res.body).toMatchObject({ name: '翡翠郡社区', households: 3200, adultPopulation: 7600, communityType: 'closed' });
    await root.patch(`/api/units/${community}`, { communityType: 'open' }).expect(200);
    expect((await root.get(`/api/units/${community}`)).body).toMatchObject({ households: 3200, communityType: 'open' });
  });

  describe('bad input: 400 with a code and the field, nothing written', () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['an unknown field', { name: 'x1', kind: 'district', households: 1, adultPopulation: 1, mayor: '张三' }, 'mayor', 'UNKNOWN_FIELD'],
      ['a number as name', { name: 42, kind: 'district', households: 1, adultPopulation: 1 }, 'name', 'NOT_A_STRING'],
      ['an oversized name', { name: '区'.repeat(101), kind: 'district', households: 1, adultPopulation: 1 }, 'name', 'TOO_LONG'],
      ['a blank name', { name: '   ', kind: 'district', households: 1, adultPopulation: 1 }, 'name', 'TOO_SHORT'],
      ['an unknown kind', { name: 'x2', kind: 'province', households: 1, adultPopulation: 1 }, 'kind', 'NOT_ALLOWED_VALUE'],
      ['a string count', { name: 'x3', kind: 'district', households: '300', adultPopulation: 1 }, 'households', 'NOT_AN_INTEGER'],
      ['a negative count', { name: 'x4', kind: 'district', households: -1, adultPopulation: 1 }, 'households', 'TOO_SMALL'],
      ['a fractional count', { name: 'x5', kind: 'district', households: 1.5, adultPopulation: 1 }, 'households', 'NOT_AN_INTEGER'],
      ['a malformed parent id', { name: 'x6', kind: 'subdistrict', parentId: '12', households: 1, adultPopulation: 1 }, 'parentId', 'INVALID_ID'],
      ['a missing count', { name: 'x7', kind: 'district', households: 1 }, 'adultPopulation', 'NOT_AN_INTEGER'],
    ];
    it.each(cases)('POST /api/units with %s', async (_label, body, field, code) => {
      const before = ((await root.get('/api/units?pageSize=100')).body as { total: number }).total;
      const res = await root.post('/api/units', body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', requestId: anyString() });
      expect((res.body as { errors: unknown[] }).errors).toContainEqual({ field, code, message: { zh: anyString(), en: anyString() } });
      expect(((await root.get('/api/units?pageSize=100')).body as { total: number }).total).toBe(before);
    });

    it('PATCH with null for a required field, an unknown field or nothing at all', async () => {
      const nulled = await root.patch(`/api/units/${community}`, { name: null }).expect(400);
      expect((nulled.body as { errors: { field: string }[] }).errors[0]).toMatchObject({ field: 'name' });
      const moved = await root.patch(`/api/units/${community}`, { parentId: district }).expect(400);
      expect((moved.body as { errors: unknown[] }).errors).toContainEqual(expect.objectContaining({ field: 'parentId', code: 'UNKNOWN_FIELD' }));
      const empty = await root.patch(`/api/units/${community}`, {}).expect(400);
      expect(empty.body).toMatchObject({ code: 'NOTHING_TO_UPDATE' });
      expect((await root.get(`/api/units/${community}`)).body).toMatchObject({ name: '翡翠郡社区', parentId: subdistrict });
    });

    it('malformed ids in the path and query', async () => {
      expect((await root.get('/api/units/123/children').expect(400)).body).toMatchObject({ code: 'INVALID_ID', field: 'id' });
      expect((await root.patch('/api/units/x', { name: 'y' }).expect(400)).body).toMatchObject({ code: 'INVALID_ID' });
      const page = await root.get('/api/units?page=zero&pageSize=1000').expect(400);
      expect([...new Set((page.body as { errors: { field: string }[] }).errors.map((e) => e.field))].sort()).toEqual(['page', 'pageSize']);
      expect((await root.get('/api/units?sort=name').expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('an unknown parent is 404, as if it were out of scope', async () => {
      const res = await root.post('/api/units', { name: 'x8', kind: 'subdistrict', parentId: UNKNOWN, households: 1, adultPopulation: 1 }).expect(404);
      expect(res.body).toMatchObject({ code: 'UNIT_NOT_FOUND', field: 'parentId' });
      await root.get(`/api/units/${UNKNOWN}`).expect(404);
    });
  });
});
