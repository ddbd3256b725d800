import QRCode from 'qrcode';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCaseOrg, type CaseOrg } from '../support/case-org.js';
import { approve, currentNoticeId, fiveStepAtStudy } from '../support/notice-case.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const BASE = 'https://gongshi.example.cn/minyi';
const qrOf = (url: string) => QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });

/** With MINYI_PUBLIC_BASE_URL set, no header a client sends can change where a printed link leads (notices and village publications). */
describe('public links on a configured base URL (MINYI_PUBLIC_BASE_URL)', () => {
  let t: TestApp;
  let org: CaseOrg;
  let noticeId: string;
  // a request as an attacker would send it, and the proxy headers are trusted in the tests
  const spoofed = (path: string) => t.http().get(path).set('Host', 'evil.example').set('X-Forwarded-Host', 'evil.example').set('X-Forwarded-Proto', 'http');

  beforeAll(async () => {
    // given with a trailing slash: normalised
    t = await startTestApp({ MINYI_MANUAL_CLOCK: 'true', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test', MINYI_PUBLIC_BASE_URL: `${BASE}/` });
    org = await buildCaseOrg(t);
    const caseId = await fiveStepAtStudy(t, org);
    await approve(org, caseId);
    noticeId = await currentNoticeId(t.app.get(DataSource), caseId);
  });
  afterAll(async () => {
    await t.close();
  });

  it('prints the notice page with its link and QR code on the configured address, whatever the Host', async () => {
    const html = (await spoofed(`/public/notices/${noticeId}`).expect(200)).text;
    const url = `${BASE}/public/notices/${noticeId}`;
    expect(html).toContain(`href="${url}"`);
    expect(html).toContain(await qrOf(url));
    expect(html).not.toContain('evil.example');
  });

  it('links the board page, its QR code and every notice on it to the configured address', async () => {
    const html = (await spoofed(`/public/units/${org.units.feicuijun}/notices`).expect(200)).text;
    expect(html).toContain(await qrOf(`${BASE}/public/units/${org.units.feicuijun}/notices`));
    expect(html).toContain(`href="${BASE}/public/notices/${noticeId}"`);
    expect(html).not.toContain('evil.example');
  });

  it('builds the Atom feed and the JSON links on it', async () => {
    const feed = (await spoofed(`/api/public/units/${org.units.feicuijun}/notices.atom`).buffer(true).parse((r, cb) => {
      let text = '';
      r.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      r.on('end', () => cb(null, text));
    }).expect(200)).body as string;
    expect(feed).toContain(`<link rel="self" type="application/atom+xml" href="${BASE}/api/public/units/${org.units.feicuijun}/notices.atom"/>`);
    expect(feed).toContain(`href="${BASE}/public/notices/${noticeId}"`);
    expect(feed).not.toContain('evil.example');
    const json = (await spoofed(`/api/public/notices/${noticeId}`).expect(200)).body as { links: { page: string; objectionForm: string } };
    expect(json.links).toEqual({ page: `${BASE}/public/notices/${noticeId}`, objectionForm: `${BASE}/api/public/notices/${noticeId}/objection-form` });
  });

  it('puts village publications (村务公开) on the configured address too: page, board, JSON and the calendar’s links', async () => {
    const created = await org.people.villageCommittee.caller.post(`/api/units/${org.units.village}/publications`, { matter: 'major_matters', title: '土地征收公告', body: '范围与标准' }).expect(201);
    const id = (created.body as { id: string }).id;
    const url = `${BASE}/public/publications/${id}`;
    expect((created.body as { links: unknown }).links).toEqual({ page: url });
    const page = (await spoofed(`/public/publications/${id}`).expect(200)).text;
    expect(page).toContain(`href="${url}"`);
    expect(page).toContain(await qrOf(url));
    const board = (await spoofed(`/public/units/${org.units.village}/publications`).expect(200)).text;
    expect(board).toContain(await qrOf(`${BASE}/public/units/${org.units.village}/publications`));
    expect(board).toContain(`href="${url}"`);
    expect(`${page}${board}`).not.toContain('evil.example');
    const calendar = (await org.people.villageCommittee.caller.get(`/api/units/${org.units.village}/publication-calendar`).expect(200)).body as { atOnce: { items: { page: string }[] }[] };
    expect(calendar.atOnce.flatMap((m) => m.items.map((i) => i.page))).toEqual([url]);
  });
});
