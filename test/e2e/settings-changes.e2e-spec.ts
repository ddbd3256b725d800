import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawQuery } from '../../src/database/raw-query.js';
import { buildCaseOrg, type CaseOrg } from '../support/case-org.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Change {
  id: number;
  unitId: string;
  subject: string;
  before: unknown;
  after: unknown;
  changedBy: string;
  changedRole: string;
  changedAt: string;
}

/**
 * Settings that decide outcomes but belong to no case — a body's rule and notice days, a village's
 * publication calendar — keep an append-only history: who, in which role, when, before and after.
 */
describe('settings history: GET /api/units/:id/settings-changes', () => {
  let t: TestApp;
  let org: CaseOrg;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ MINYI_MANUAL_CLOCK: '2026-03-01T00:00:00.000Z', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test' });
    org = await buildCaseOrg(t);
    db = t.app.get(DataSource);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const history = async (unitId: string, query = ''): Promise<Change[]> => (await org.people.supervisor.caller.get(`/api/units/${unitId}/settings-changes${query}`).expect(200)).body as Change[];

  it("records each change of a body's settings with who, role, when, before and after; refused and empty changes leave no trace", async () => {
    const clerk = org.people.clerk;
    const unit = org.units.feicuijun;
    expect(await history(unit)).toEqual([]);
    await clerk.caller.patch(`/api/units/${unit}/bodies/resident_council`, { noticeDays: 3 }).expect(200);
    const rule = { quorum: { numerator: 2, denominator: 3, inclusive: true } };
    const configured = await clerk.caller.patch(`/api/units/${unit}/bodies/resident_council`, { config: rule });
    expect(configured.status).toBe(200);
    // the same values again: nothing changed, nothing recorded
    await clerk.caller.patch(`/api/units/${unit}/bodies/resident_council`, { noticeDays: 3 }).expect(200);
    // a refused change (a statutory rule takes no configuration) writes nothing
    expect((await clerk.caller.patch(`/api/units/${unit}/bodies/residents_assembly`, { config: rule })).status).toBe(403);
    const statutory = await org.people.committee.caller.patch(`/api/units/${unit}/bodies/residents_assembly`, { config: rule });
    expect({ status: statutory.status, code: (statutory.body as { code: string }).code }).toEqual({ status: 400, code: 'INVALID_BODY_SETTINGS' });

    const changes = await history(unit);
    expect(changes).toHaveLength(2);
    const [second, first] = changes as [Change, Change];
    expect(first).toMatchObject({ unitId: unit, subject: 'body:resident_council', before: null, after: { noticeDays: 3 }, changedBy: clerk.id, changedRole: 'council_clerk', changedAt: '2026-03-01T00:00:00.000Z' });
    expect(second).toMatchObject({ subject: 'body:resident_council', before: { noticeDays: 3 }, changedRole: 'council_clerk' });
    expect(second.after).toMatchObject({ noticeDays: 3, config: rule });
    expect(second.id).toBeGreaterThan(first.id);
    expect(await history(unit, '?subject=publication-settings')).toEqual([]);
    expect(await history(unit, '?limit=1')).toEqual([second]);
  });

  it("records each change of a village's publication calendar, by the committee or the township", async () => {
    const village = org.units.village;
    await org.people.villageCommittee.caller.put(`/api/units/${village}/publication-settings`, { financeCadence: 'monthly', graceDays: 10, trackedFrom: '2026-01-01' }).expect(200);
    await org.people.town.caller.put(`/api/units/${village}/publication-settings`, { financeCadence: 'quarterly', graceDays: 5, trackedFrom: '2026-01-01' }).expect(200);
    // invalid: refused, nothing recorded
    expect((await org.people.town.caller.put(`/api/units/${village}/publication-settings`, { financeCadence: 'quarterly', graceDays: 5, trackedFrom: '2026-02-30' })).status).toBe(400);
    const changes = await history(village, '?subject=publication-settings');
    expect(changes.map((c) => [c.changedRole, c.before, c.after])).toEqual([
      ['township_party_committee', { financeCadence: 'monthly', graceDays: 10, trackedFrom: '2026-01-01' }, { financeCadence: 'quarterly', graceDays: 5, trackedFrom: '2026-01-01' }],
      ['village_committee', null, { financeCadence: 'monthly', graceDays: 10, trackedFrom: '2026-01-01' }],
    ]);
  });

  it('is read by anyone who reads the unit; out of scope 404; bad queries 400 with a code and messages', async () => {
    const unit = org.units.feicuijun;
    expect((await org.people.resident.caller.get(`/api/units/${unit}/settings-changes`)).status).toBe(200);
    expect((await org.people.outsider.caller.get(`/api/units/${unit}/settings-changes`)).body).toMatchObject({ code: 'UNIT_NOT_FOUND' });
    expect((await org.people.outsider.caller.get(`/api/units/${unit}/settings-changes`)).status).toBe(404);
    for (const query of ['?subject=everything', '?limit=0', '?limit=201', '?subject=body:<script>']) {
      const res = await org.people.supervisor.caller.get(`/api/units/${unit}/settings-changes${query}`);
      expect(res.status, query).toBe(400);
      const body = res.body as { code: string; message: { zh: string; en: string } };
      expect(body.code, query).toBe('VALIDATION_FAILED');
      expect(body.message.zh.length * body.message.en.length, query).toBeGreaterThan(0);
    }
    expect((await t.http().get(`/api/units/${unit}/settings-changes`)).status).toBe(401);
  });

  it('is append-only in the database: UPDATE and DELETE are refused', async () => {
    const before = await rawQuery(db, 'SELECT * FROM settings_changes ORDER BY id');
    expect(before.length).toBeGreaterThan(0);
    await expect(rawQuery(db, "UPDATE settings_changes SET changed_role = 'admin'")).rejects.toThrow(/append-only/);
    await expect(rawQuery(db, 'DELETE FROM settings_changes')).rejects.toThrow(/append-only/);
    expect(await rawQuery(db, 'SELECT * FROM settings_changes ORDER BY id')).toEqual(before);
  });
});
