import type { DataSource } from 'typeorm';
import { CasesService } from '../../src/cases/cases.service.js';
import { rawQuery } from '../../src/database/raw-query.js';
import type { ManualClock } from '../../src/timers/clock.js';
import type { Caller } from './api.js';
import type { CaseOrg } from './case-org.js';
import type { TestApp } from './test-app.js';

/** Scenario 1's consultation meeting: 21 members, 15 present, 12 in favour. */
export const COUNCIL_PASSED = {
  meetingId: 'm-council',
  body: 'resident_council',
  quorumMet: true,
  passed: true,
  ruleId: 'local.resident_council',
  expected: 21,
  present: 15,
  recused: 0,
  votesFor: 12,
  votesAgainst: 2,
  votesAbstain: 1,
};

export const sendEvent = (caller: Caller, caseId: string, type: string, payload: Record<string, unknown> = {}) =>
  caller.post(`/api/cases/${caseId}/events`, { type, payload });

/** The notice a case has open now (the one its current notice state published), straight from the table. */
export const currentNoticeId = async (db: DataSource, caseId: string): Promise<string> => {
  const [row] = await rawQuery<{ id: string }>(db, 'SELECT id FROM notices WHERE case_id = $1 AND closed_at IS NULL', [caseId]);
  if (!row) throw new Error(`case ${caseId} has no open notice`);
  return row.id;
};

/**
 * Drives a five-step case at 翡翠郡社区 through topic, research and a passed council meeting to the
 * study step; `approve` then publishes its notice. Returns the case id and the approval receipt hash.
 */
export const fiveStepAtStudy = async (t: TestApp, org: CaseOrg, text: { title?: string; description?: string; config?: Record<string, unknown> } = {}) => {
  const res = await org.people.resident.caller.post('/api/cases', {
    procedure: 'five-step',
    unitId: org.units.feicuijun,
    title: text.title ?? '引入专业机构运营日间照料中心',
    description: text.description ?? '老年居民希望改善日间照料服务',
    ...(text.config ? { config: text.config } : {}),
  });
  if (res.status !== 201) throw new Error(`open case → ${res.status} ${JSON.stringify(res.body)}`);
  const id = (res.body as { id: string }).id;
  const clerk = org.people.clerk.caller;
  for (const [type, payload] of [
    ['topic.accept', {}],
    ['research.addFinding', { summary: '走访120户老年人家庭', method: 'visit' }],
    ['research.complete', {}],
  ] as const) {
    const step = await sendEvent(clerk, id, type, payload);
    if (step.status !== 200) throw new Error(`${type} → ${step.status} ${JSON.stringify(step.body)}`);
  }
  await t.app.get(CasesService).sendSystemEvent(id, 'meeting.closed', COUNCIL_PASSED);
  return id;
};

/** Study approves: the case enters its public notice. Returns the receipt hash of that step. */
export const approve = async (org: CaseOrg, caseId: string, opinion = '同意引入专业机构运营'): Promise<string> => {
  const res = await sendEvent(org.people.secretary.caller, caseId, 'study.approve', { opinion });
  if (res.status !== 200) throw new Error(`study.approve → ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { receipt: { hash: string } }).receipt.hash;
};

let address = 0;
/** A fresh client address (the tests trust X-Forwarded-For), so rate limits do not leak between tests. */
export const freshAddress = (): string => {
  address += 1;
  return `198.51.100.${address}`;
};

/** Opens the objection form, waits like a person would (on the manual clock), files. */
export const fileObjection = async (
  t: TestApp,
  clock: ManualClock,
  noticeId: string,
  body: { name?: string; contact?: string; text: string; website?: string },
  from = freshAddress(),
) => {
  const form = await t.http().get(`/api/public/notices/${noticeId}/objection-form`);
  if (form.status !== 200) return form;
  clock.advance(6_000);
  return t
    .http()
    .post(`/api/public/notices/${noticeId}/objections`)
    .set('X-Forwarded-For', from)
    .send({ name: body.name ?? '王大妈', contact: body.contact ?? '13800000001', text: body.text, formToken: (form.body as { formToken: string }).formToken, ...(body.website !== undefined ? { website: body.website } : {}) });
};

export const objectionRows = (db: DataSource, noticeId: string) =>
  rawQuery<{ id: string; status: string; filed_seq: number | string; answer_reason: string | null }>(db, 'SELECT id, status, filed_seq, answer_reason FROM objections WHERE notice_id = $1 ORDER BY filed_at', [noticeId]);
