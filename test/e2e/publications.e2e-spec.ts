import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/audit/canonical-json.js';
import { CasesService } from '../../src/cases/cases.service.js';
import { rawQuery } from '../../src/database/raw-query.js';
import { Clock, ManualClock } from '../../src/timers/clock.js';
import { buildCaseOrg, type CaseOrg } from '../support/case-org.js';
import { sendEvent } from '../support/notice-case.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Publication {
  id: string;
  matter: string;
  period: string | null;
  title: string;
  body: string;
  publishedAt: string;
  publishedBy?: string;
  publishedByRole: string;
  contentHash: string;
  chain: { seq: number; hash: string; prevHash: string };
  links: { page: string };
}
interface CalendarPeriod {
  matter: string;
  period: string;
  status: string;
  dueBy: string;
  lastDay: string;
}
interface Calendar {
  settings: { financeCadence: string; graceDays: number; trackedFrom: string; configured: boolean };
  matters: { matter: string; periodKind: string; periods: CalendarPeriod[]; nextDue: CalendarPeriod }[];
  overdue: CalendarPeriod[];
  atOnce: { matter: string; items: { source: string; id: string; title: string }[] }[];
}

const SCRIPT = '<script>alert("x")</script>';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Runs `work` with the append-only triggers of village_publications out of the way, as direct database access could. */
const withoutPublicationTriggers = async (db: DataSource, work: () => Promise<unknown>) => {
  const pg = db.options.type === 'postgres';
  if (pg) await db.query('ALTER TABLE village_publications DISABLE TRIGGER USER');
  else {
    await db.query('DROP TRIGGER village_publications_no_update');
    await db.query('DROP TRIGGER village_publications_no_delete');
  }
  try {
    await work();
  } finally {
    if (pg) await db.query('ALTER TABLE village_publications ENABLE TRIGGER USER');
    else {
      await db.query("CREATE TRIGGER village_publications_no_update BEFORE UPDATE ON village_publications BEGIN SELECT RAISE(ABORT, 'village publications are append-only'); END");
      await db.query("CREATE TRIGGER village_publications_no_delete BEFORE DELETE ON village_publications BEGIN SELECT RAISE(ABORT, 'village publications are append-only'); END");
    }
  }
};

describe('village affairs publication (村务公开): records, public board, calendar, chain', () => {
  let t: TestApp;
  let org: CaseOrg;
  let clock: ManualClock;
  let db: DataSource;
  const committee = () => org.people.villageCommittee.caller;
  const publish = (body: Record<string, unknown>) => committee().post(`/api/units/${org.units.village}/publications`, body);
  const calendar = async (caller = org.people.supervisor.caller) => (await caller.get(`/api/units/${org.units.village}/publication-calendar`).expect(200)).body as Calendar;
  const periodOf = (c: Calendar, matter: string, period: string) => c.matters.find((m) => m.matter === matter)?.periods.find((p) => p.period === period);

  beforeAll(async () => {
    t = await startTestApp({ MINYI_MANUAL_CLOCK: '2026-07-01T00:00:00.000Z', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test' });
    clock = t.app.get<Clock, ManualClock>(Clock);
    db = t.app.get(DataSource);
    org = await buildCaseOrg(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('starts from defaults (quarterly, ten days, from the day the village was created) until the village sets its calendar', async () => {
    // the village was created at the engine's clock (2026-07-01T00:00Z = 08:00 on 1 July in China), not the wall clock
    const [unit] = await rawQuery<{ created_at: string }>(db, 'SELECT created_at FROM units WHERE id = $1', [org.units.village]);
    expect(unit?.created_at).toBe('2026-07-01T00:00:00.000Z');
    expect((await calendar()).settings).toEqual({ financeCadence: 'quarterly', graceDays: 10, trackedFrom: '2026-07-01', configured: false, updatedAt: null });
    const set = await committee().put(`/api/units/${org.units.village}/publication-settings`, { financeCadence: 'quarterly', graceDays: 10, trackedFrom: '2026-07-01' }).expect(200);
    expect(set.body).toMatchObject({ financeCadence: 'quarterly', graceDays: 10, trackedFrom: '2026-07-01', configured: true });
    await committee().put(`/api/units/${org.units.village}/publication-settings`, { financeCadence: 'weekly', graceDays: 10, trackedFrom: '2026-07-01' }).expect(400);
    await committee().put(`/api/units/${org.units.village}/publication-settings`, { financeCadence: 'monthly', graceDays: 32, trackedFrom: '2026-07-01' }).expect(400);
    expect((await committee().put(`/api/units/${org.units.village}/publication-settings`, { financeCadence: 'monthly', graceDays: 5, trackedFrom: '2026-02-30' }).expect(400)).body).toMatchObject({ code: 'PUBLICATION_PERIOD_INVALID', field: 'trackedFrom' });
    // the supervisor watches; it does not set the village's obligations
    expect((await org.people.supervisor.caller.put(`/api/units/${org.units.village}/publication-settings`, { financeCadence: 'quarterly', graceDays: 0, trackedFrom: '2026-07-01' }).expect(403)).body).toMatchObject({ code: 'PUBLICATION_FORBIDDEN' });
  });

  it('records a publication for the village committee and puts it on the public board at once: content hash, chain link, the role but never the person', async () => {
    clock.set('2026-10-05T02:00:00.000Z');
    const body = `一、收入 12.5 万元\n二、支出 8.3 万元 ${SCRIPT}`;
    const res = await publish({ matter: 'finances', period: '2026-Q3', title: '  2026年第三季度财务收支公开 ', body }).expect(201);
    const p = res.body as Publication;
    expect(p).toMatchObject({ matter: 'finances', period: '2026-Q3', title: '2026年第三季度财务收支公开', body, publishedAt: '2026-10-05T02:00:00.000Z', publishedBy: org.people.villageCommittee.id, publishedByRole: 'village_committee' });
    // the content hash is recomputable by anyone from the public fields (docs/publications.md)
    const content = { format: 'minyi/publication/v1', unitId: org.units.village, matter: 'finances', period: '2026-Q3', title: p.title, body };
    expect(p.contentHash).toBe(sha256(canonicalJson(content)));
    expect(p.chain).toMatchObject({ seq: 1, prevHash: sha256(`minyi/publication/v1/genesis/${org.units.village}`) });

    const shown = (await t.http().get(`/api/public/publications/${p.id}`).expect(200)).body as Publication;
    expect(shown).toMatchObject({ id: p.id, contentHash: p.contentHash, chain: p.chain, links: { page: `/public/publications/${p.id}` } });
    expect(shown.publishedBy).toBeUndefined();
    for (const unit of ['village', 'sangzidian', 'district'] as const) {
      const board = (await t.http().get(`/api/public/units/${org.units[unit]}/publications`).expect(200)).body as { items: { id: string }[] };
      expect(board.items.map((i) => i.id)).toContain(p.id);
    }
    expect(((await t.http().get(`/api/public/units/${org.units.feicuijun}/publications`).expect(200)).body as { total: number }).total).toBe(0);
    const json = JSON.stringify([shown, (await t.http().get(`/api/public/units/${org.units.district}/publications`)).body]);
    for (const person of Object.values(org.people)) expect(json).not.toContain(person.id);

    // the printable page: escaped, the content hash and chain link under a QR code of its own address
    const html = (await t.http().get(`/public/publications/${p.id}`).set('Host', 'cun.example.org').expect(200)).text;
    expect(html).toContain(p.contentHash);
    expect(html).toContain(p.chain.hash);
    expect(html).toContain(`http://cun.example.org/public/publications/${p.id}`);
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/<svg /);
    const boardHtml = (await t.http().get(`/public/units/${org.units.sangzidian}/publications`).expect(200)).text;
    expect(boardHtml).toContain(`/public/publications/${p.id}`);
    expect(boardHtml).toContain('鹊山村');
  });

  it('refuses periods that do not fit the matter or have not begun, units that are not villages, and roles that do not publish', async () => {
    const code = async (body: Record<string, unknown>, status: number) => ((await publish(body).expect(status)).body as { code: string; field?: string }).code;
    const text = { title: '公开', body: '内容' };
    expect(await code({ matter: 'other_concerns', ...text }, 400)).toBe('PUBLICATION_PERIOD_INVALID');
    expect(await code({ matter: 'other_concerns', period: '2026-09', ...text }, 400)).toBe('PUBLICATION_PERIOD_INVALID');
    expect(await code({ matter: 'major_matters', period: '2026-Q3', ...text }, 400)).toBe('PUBLICATION_PERIOD_INVALID');
    expect(await code({ matter: 'other_concerns', period: '2026-Q5', ...text }, 400)).toBe('VALIDATION_FAILED');
    expect(await code({ matter: 'lottery', period: '2026-Q3', ...text }, 400)).toBe('VALIDATION_FAILED');
    expect(await code({ matter: 'other_concerns', period: '2026-Q3', title: ' ', body: '内容' }, 400)).toBe('VALIDATION_FAILED');
    expect(await code({ matter: 'other_concerns', period: '2026-Q3', title: '公开', body: ' \n ' }, 400)).toBe('VALIDATION_FAILED');
    expect(await code({ matter: 'other_concerns', period: '2026-Q3', ...text, body: 'x'.repeat(10_001) }, 400)).toBe('VALIDATION_FAILED');
    // Q4 began on 1 October China time: now (5 October) it may be published; Q1 2027 not yet
    expect(await code({ matter: 'other_concerns', period: '2027-Q1', ...text }, 422)).toBe('PUBLICATION_PERIOD_NOT_STARTED');

    const root = org.root;
    for (const unit of [org.units.feicuijun, org.units.sangzidian, org.units.district]) {
      const refused = (await org.people.supervisor.caller.get(`/api/units/${unit}/publication-calendar`).expect(422)).body as { code: string; details: { kind: string } };
      expect(refused.code).toBe('PUBLICATION_NOT_A_VILLAGE');
      expect(['community', 'town', 'district']).toContain(refused.details.kind);
      expect((await root.post(`/api/units/${unit}/publications`, { matter: 'finances', period: '2026-Q3', ...text }).expect(422)).body).toMatchObject({ code: 'PUBLICATION_NOT_A_VILLAGE' });
    }
    // the supervisor and the party branch read, they do not publish; someone elsewhere does not even see the village
    expect((await org.people.supervisor.caller.post(`/api/units/${org.units.village}/publications`, { matter: 'finances', period: '2026-Q3', ...text }).expect(403)).body).toMatchObject({ code: 'PUBLICATION_FORBIDDEN' });
    await org.people.branch.caller.post(`/api/units/${org.units.village}/publications`, { matter: 'finances', period: '2026-Q3', ...text }).expect(403);
    await org.people.branch.caller.get(`/api/units/${org.units.village}/publication-calendar`).expect(200);
    await org.people.town.caller.get(`/api/units/${org.units.village}/publication-calendar`).expect(200);
    expect((await org.people.outsider.caller.get(`/api/units/${org.units.village}/publication-calendar`).expect(404)).body).toMatchObject({ code: 'PUBLICATION_UNIT_NOT_FOUND' });
    await org.people.outsider.caller.post(`/api/units/${org.units.village}/publications`, { matter: 'finances', period: '2026-Q3', ...text }).expect(404);
    await t.http().get(`/api/units/${org.units.village}/publication-calendar`).expect(401);
    await t.http().post(`/api/units/${org.units.village}/publications`).send({ matter: 'finances', period: '2026-Q3', ...text }).expect(401);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await t.http().get(`/api/public/publications/${unknown}`).expect(404)).body).toMatchObject({ code: 'PUBLICATION_NOT_FOUND' });
    expect((await t.http().get(`/api/public/units/${unknown}/publications`).expect(404)).body).toMatchObject({ code: 'PUBLICATION_UNIT_NOT_FOUND' });
    await t.http().get(`/public/publications/${unknown}`).expect(404);
  });

  it('lists per matter what is due, published and overdue in China time; at 00:00 on 11 October Q3 is overdue for what was not published', async () => {
    clock.set('2026-10-10T15:59:59.999Z'); // 10 October 23:59:59.999 in China: the last day of grace
    let c = await calendar();
    expect(c.overdue).toEqual([]);
    expect(periodOf(c, 'finances', '2026-Q3')).toMatchObject({ status: 'published' });
    expect(periodOf(c, 'other_concerns', '2026-Q3')).toMatchObject({ status: 'due', dueBy: '2026-10-10T16:00:00.000Z', lastDay: '2026-10-10' });
    expect(periodOf(c, 'other_concerns', '2026-Q4')).toMatchObject({ status: 'open' });

    clock.set('2026-10-10T16:00:00.000Z'); // 11 October 00:00 in China
    c = await calendar();
    expect(c.overdue.map((p) => `${p.matter} ${p.period}`).sort()).toEqual(['family_planning 2026-Q3', 'government_assistance 2026-Q3', 'other_concerns 2026-Q3', 'relief_and_subsidies 2026-Q3']);
    expect(c.matters.find((m) => m.matter === 'other_concerns')?.nextDue).toMatchObject({ period: '2026-Q4', dueBy: '2027-01-10T16:00:00.000Z' });
    // village staff see the same list
    expect((await calendar(committee())).overdue).toEqual(c.overdue);

    // published late: no longer overdue, but marked so
    clock.set('2026-10-12T01:00:00.000Z');
    await publish({ matter: 'other_concerns', period: '2026-Q3', title: '第三季度其他事项', body: '道路硬化工程进展' }).expect(201);
    c = await calendar();
    expect(periodOf(c, 'other_concerns', '2026-Q3')).toMatchObject({ status: 'published_late' });
    expect(c.overdue.map((p) => p.matter)).not.toContain('other_concerns');
  });

  it('publishes finances monthly once the village is set so', async () => {
    await org.people.town.caller.put(`/api/units/${org.units.village}/publication-settings`, { financeCadence: 'monthly', graceDays: 10, trackedFrom: '2026-10-01' }).expect(200);
    const c = await calendar();
    const finances = c.matters.find((m) => m.matter === 'finances');
    expect(finances?.periodKind).toBe('month');
    expect(finances?.periods.map((p) => [p.period, p.status])).toEqual([['2026-10', 'open']]);
    expect(((await publish({ matter: 'finances', period: '2026-Q4', title: '财务', body: '收支' }).expect(400)).body as { message: { en: string } }).message.en).toContain('2026-10');
    await publish({ matter: 'finances', period: '2026-10', title: '2026年10月财务收支', body: '收入 3 万元' }).expect(201);
    expect(periodOf(await calendar(), 'finances', '2026-10')).toMatchObject({ status: 'published' });
  });

  it('counts the notices the engine publishes for a case at the village as at-once publications, beside those the village records', async () => {
    const opened = await org.people.branch.caller
      .post('/api/cases', { procedure: 'one-report-four-deliberations', unitId: org.units.village, title: '征地补偿款分配方案', description: '按户籍人口分配' })
      .expect(201);
    const caseId = (opened.body as { id: string }).id;
    await sendEvent(org.people.branch.caller, caseId, 'report.submit', { summary: '征地补偿款分配方案', matterCategory: 'land_compensation' }).expect(200);
    await sendEvent(org.people.town.caller, caseId, 'report.approve', { opinion: '同意' }).expect(200);
    for (const body of ['party_organisation_meeting', 'two_committee_joint_meeting', 'party_member_assembly', 'villager_representative_meeting']) {
      await t.app.get(CasesService).sendSystemEvent(caseId, 'meeting.closed', { meetingId: `m-${body}`, body, quorumMet: true, passed: true, ruleId: 'r' });
    }
    const recorded = (await publish({ matter: 'major_matters', title: '村集体土地征收公告', body: '征收范围与补偿标准' }).expect(201)).body as Publication;
    expect(recorded.period).toBeNull();
    const c = await calendar();
    const decisions = c.atOnce.find((m) => m.matter === 'assembly_decisions');
    expect(decisions?.items).toEqual([expect.objectContaining({ source: 'notice', title: '征地补偿款分配方案' })]);
    expect(c.atOnce.find((m) => m.matter === 'major_matters')?.items).toEqual([expect.objectContaining({ source: 'publication', id: recorded.id })]);
    // a notice of a case elsewhere is not the village's
    expect(JSON.stringify(c.atOnce)).not.toContain('日间照料');
  });

  it('chains concurrent publications without a gap; the table refuses edits; an edit behind its back is found by verification', async () => {
    const results = await Promise.all([1, 2, 3, 4].map((i) => publish({ matter: 'major_matters', title: `公告${i}`, body: `内容${i}` })));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const verify = async () => (await org.people.supervisor.caller.get(`/api/units/${org.units.village}/publications/verify`).expect(200)).body as { valid: boolean; publications: number; problems: { code: string; seq: number }[] };
    const before = await verify();
    expect(before).toMatchObject({ valid: true, problems: [] });
    const seqs = (await rawQuery<{ chain_seq: number | string }>(db, 'SELECT chain_seq FROM village_publications WHERE unit_id = $1 ORDER BY chain_seq', [org.units.village])).map((r) => Number(r.chain_seq));
    expect(seqs).toEqual(Array.from({ length: before.publications }, (_, i) => i + 1));

    const first = (await rawQuery<{ id: string; chain_seq: number | string }>(db, 'SELECT id, chain_seq FROM village_publications WHERE unit_id = $1 AND chain_seq = 1', [org.units.village]))[0];
    await expect(rawQuery(db, "UPDATE village_publications SET body = '收入 0 万元' WHERE id = $1", [first?.id])).rejects.toThrow(/append-only/);
    await expect(rawQuery(db, 'DELETE FROM village_publications WHERE id = $1', [first?.id])).rejects.toThrow(/append-only/);
    await withoutPublicationTriggers(db, () => rawQuery(db, "UPDATE village_publications SET body = '收入 0 万元' WHERE id = $1", [first?.id]));
    const after = await verify();
    expect(after.valid).toBe(false);
    expect(after.problems).toEqual([expect.objectContaining({ code: 'CONTENT_HASH_MISMATCH', seq: 1 })]);
    // the printed page still carries the hash of what was published: it no longer matches the text shown
    const shown = (await t.http().get(`/api/public/publications/${first?.id}`).expect(200)).body as Publication;
    expect(sha256(canonicalJson({ format: 'minyi/publication/v1', unitId: org.units.village, matter: shown.matter, period: shown.period, title: shown.title, body: shown.body }))).not.toBe(shown.contentHash);
    await org.people.outsider.caller.get(`/api/units/${org.units.village}/publications/verify`).expect(404);
  });
});
