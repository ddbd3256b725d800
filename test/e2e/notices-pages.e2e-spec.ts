import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock, ManualClock } from '../../src/timers/clock.js';
import { buildCaseOrg, type CaseOrg } from '../support/case-org.js';
import { approve, currentNoticeId, fileObjection, fiveStepAtStudy } from '../support/notice-case.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SCRIPT = '<script>alert("x")</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const HOSTILE_TITLE = `${SCRIPT}日间照料${IMG}`;
const HOSTILE_DESCRIPTION = `描述 ${IMG} & ${SCRIPT} ]]> <!-- \u0007 --> 'single'`;
const HOSTILE_OPINION = `同意</td></tr></table><iframe src="//evil.example"></iframe>${SCRIPT}`;

/** No markup a person typed survives as markup: only the page's own tags are there. */
const expectNoInjectedMarkup = (html: string) => {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<img/i);
  expect(html).not.toMatch(/<iframe/i);
  expect(html).not.toMatch(/onerror=alert\(1\)>/);
  expect(html).toContain('&lt;script&gt;');
  expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
};

describe('public notice pages (A4 HTML, QR, verification hash) and the Atom feed', () => {
  let t: TestApp;
  let org: CaseOrg;
  let clock: ManualClock;
  let noticeId: string;
  let hash: string;

  beforeAll(async () => {
    t = await startTestApp({ MINYI_MANUAL_CLOCK: 'true', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test' });
    clock = t.app.get<Clock, ManualClock>(Clock);
    org = await buildCaseOrg(t);
    const caseId = await fiveStepAtStudy(t, org, { title: HOSTILE_TITLE, description: HOSTILE_DESCRIPTION });
    hash = await approve(org, caseId, HOSTILE_OPINION);
    noticeId = await currentNoticeId(t.app.get(DataSource), caseId);
    // an objection with hostile text and contact: counted on the page, never shown there
    expect((await fileObjection(t, clock, noticeId, { name: `${SCRIPT}`, contact: `${IMG}13900000000`, text: `${SCRIPT}${IMG}` })).status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('prints a notice as an escaped A4 page with its verification hash and an inline QR code of its own address', async () => {
    const res = await t.http().get(`/public/notices/${noticeId}`).set('Host', 'minyi.example.org').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    const html = res.text;
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain(hash);
    expect(html).toContain('应到 21，实到 15，回避 0；赞成 12，反对 2，弃权 1');
    expect(html).toContain('http://minyi.example.org/public/notices/' + noticeId);
    expect(html).toMatch(/<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>/);
    expect(html).not.toMatch(/<(?:img|link|object|embed)\b|src=["']?http/i);
    expectNoInjectedMarkup(html);
    expect(html).toContain('&lt;iframe src=&quot;//evil.example&quot;&gt;');
    expect(html).not.toContain('13900000000');
    expect(html).not.toContain('\u0007');
    // helmet's policy still applies: the page may not load scripts from anywhere else
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('without MINYI_PUBLIC_BASE_URL, builds links on the request host (the proxy headers when trusted); JSON links stay relative', async () => {
    const html = (await t.http().get(`/public/notices/${noticeId}`).set('X-Forwarded-Host', 'board.example.net').set('X-Forwarded-Proto', 'https').expect(200)).text;
    expect(html).toContain(`href="https://board.example.net/public/notices/${noticeId}"`);
    const json = (await t.http().get(`/api/public/notices/${noticeId}`).set('Host', 'board.example.net').expect(200)).body as { links: unknown };
    expect(json.links).toEqual({ page: `/public/notices/${noticeId}`, objectionForm: `/api/public/notices/${noticeId}/objection-form` });
  });

  it('does not echo a Host header that is not a plain host name into the links', async () => {
    const res = await t.http().get(`/public/notices/${noticeId}`).set('Host', 'attacker.test"><b>').expect(200);
    expect(res.text).not.toContain('attacker.test');
    expect(res.text).toContain(`href="/public/notices/${noticeId}"`);
  });

  it("prints a unit's board, escaped, linking each notice", async () => {
    const res = await t.http().get(`/public/units/${org.units.beitan}/notices`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expectNoInjectedMarkup(res.text);
    expect(res.text).toContain(`/public/notices/${noticeId}`);
    expect(res.text).toContain('北坦街道');
    expect(res.text).toContain('<svg');
  });

  it('publishes the board as a well-formed Atom feed, hostile text and all', async () => {
    const res = await t.http().get(`/api/public/units/${org.units.district}/notices.atom`).set('Host', 'minyi.example.org').buffer(true).parse((r, cb) => {
      let data = '';
      r.setEncoding('utf8');
      r.on('data', (chunk: string) => (data += chunk));
      r.on('end', () => cb(null, data));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/atom\+xml; charset=utf-8/);
    const xml = res.body as string;
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = (new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' || name === 'link' }).parse(xml) as { feed: Record<string, unknown> }).feed;
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    const entries = feed.entry as { id: string; title: { '#text': string }; summary: { '#text': string }; link: { '@_href': string }[] }[];
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry?.id).toBe(`urn:uuid:${noticeId}`);
    // what a feed reader shows is the original text, as text
    expect(entry?.title['#text']).toBe(`协商结果公示：${HOSTILE_TITLE}`);
    expect(entry?.summary['#text']).toContain(hash);
    expect(entry?.link[0]?.['@_href']).toBe(`http://minyi.example.org/public/notices/${noticeId}`);
    expect(xml).not.toContain('13900000000');
  });

  it('answers an unknown unit with 404 on the feed and the board page', async () => {
    await t.http().get('/api/public/units/00000000-0000-4000-8000-000000000000/notices.atom').expect(404);
    await t.http().get('/public/units/00000000-0000-4000-8000-000000000000/notices').expect(404);
  });
});
