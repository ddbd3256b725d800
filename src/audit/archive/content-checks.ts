import { meetingClosedEvent } from '../../../workflows/core/meeting-event.js';
import type { MeetingResult } from '../../../workflows/rules/meeting-rule.types.js';
import { getProcedure } from '../../../workflows/registry.js';
import { activeStatePaths } from '../../../workflows/core/describe.js';
import { restoreSnapshot } from '../../../workflows/core/step.js';
import type { CaseRecord } from '../../cases/case-record.js';
import { buildNoticeBody } from '../../notices/notice-body.js';
import { noticeStateAt } from '../../notices/notice-states.js';
import type { AuditEntry } from '../audit-entry.js';
import { canonicalJson } from '../canonical-json.js';
import { replayCase } from '../replay.js';
import type { ArchivedObjection } from './archive-content.js';

/** A problem found in a meeting record, notice or objection: the file, the entry it concerns if any. */
export interface ContentProblem {
  readonly code: 'MEETING_RECORD_MISMATCH' | 'MEETING_MISSING' | 'NOTICE_MISMATCH' | 'OBJECTION_MISMATCH' | 'OBJECTION_MISSING';
  readonly file: string;
  readonly entry: AuditEntry | null;
  readonly zh: string;
  readonly en: string;
}

const payloadOf = (e: AuditEntry): Record<string, unknown> => (typeof e.payload === 'object' && e.payload !== null ? (e.payload as Record<string, unknown>) : {});
const same = (a: unknown, b: unknown): boolean => {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
};

interface MeetingRecordFile {
  id?: unknown;
  caseId?: unknown;
  status?: unknown;
  passed?: unknown;
  result?: unknown;
  auditEntries?: unknown;
  corrections?: { id: string; reason: string; correction: string; globalSeq: number }[];
}

/**
 * A meeting record against the chain: it was convened in the chain; a closed record's result gives
 * exactly the `meeting.closed` payload the chain holds (应到, 实到, 回避, votes, quorum, passed, rule),
 * an open one has no closing entry; its list of entries and its corrections are the chain's.
 */
export const checkMeetingRecord = (file: string, id: string, record: MeetingRecordFile, caseId: string, entries: readonly AuditEntry[]): ContentProblem[] => {
  const problems: ContentProblem[] = [];
  const bad = (entry: AuditEntry | null, zh: string, en: string) => problems.push({ code: 'MEETING_RECORD_MISMATCH', file, entry, zh: `会议记录 ${file}：${zh}`, en: `meeting record ${file}: ${en}` });
  if (record.id !== id || record.caseId !== caseId) bad(null, '会议或事项编号与档案不符', 'its meeting or case id does not match the archive');
  const about = entries.filter((e) => payloadOf(e).meetingId === id);
  if (!about.some((e) => e.eventType === 'meeting.convened')) bad(null, '审计链中没有召集该会议的记录', 'the chain has no entry convening this meeting');
  const closing = about.filter((e) => e.eventType === 'meeting.closed' || e.eventType === 'meeting.closedAfterStep').at(-1) ?? null;
  if (record.status === 'closed') {
    if (closing === null) bad(null, '记录为已闭会，但审计链中没有闭会记录', 'it says closed, but the chain has no closing entry');
    else {
      let expected: Record<string, unknown> | null = null;
      try {
        expected = meetingClosedEvent(id, record.result as MeetingResult).payload as unknown as Record<string, unknown>;
      } catch {
        expected = null;
      }
      const actual = payloadOf(closing);
      const differing = expected === null ? ['result'] : Object.keys(expected).filter((k) => !same(expected[k], actual[k]));
      // what the payload does not carry must still agree with it: the vote's arithmetic and the outcome shown
      const result = record.result as { quorum?: { met?: unknown }; decision?: { passed?: unknown }; passed?: unknown } | null;
      if (result?.passed !== (result?.quorum?.met === true && result.decision?.passed === true) && !differing.includes('decision')) differing.push('decision');
      if (record.passed !== actual.passed && !differing.includes('passed')) differing.push('passed');
      if (differing.length > 0) {
        bad(closing, `闭会结果与审计链第${closing.caseSeq}条记录不符（${differing.join('、')}）`, `its result differs from the chain's closing entry #${closing.caseSeq} (${differing.join(', ')})`);
      }
    }
  } else if (closing !== null) {
    bad(closing, `审计链已记录闭会，但会议记录状态为 ${String(record.status)}`, `the chain closed the meeting but the record says ${String(record.status)}`);
  }
  const mentioning = entries.filter((e) => JSON.stringify(e.payload ?? null).includes(id)).map((e) => e.globalSeq);
  if (!same(record.auditEntries, mentioning)) bad(null, '所列审计记录与审计链不符', "its list of audit entries is not the chain's");
  for (const c of record.corrections ?? []) {
    const entry = entries.find((e) => e.globalSeq === c.globalSeq) ?? null;
    const p = entry === null ? {} : payloadOf(entry);
    if (entry?.eventType !== 'meeting.correction' || p.meetingId !== id || p.correctionId !== c.id || p.reason !== c.reason || p.correction !== c.correction) {
      bad(entry, `更正 ${c.id} 与审计链不符`, `correction ${c.id} does not match the chain`);
    }
  }
  return problems;
};

/** Every meeting the chain convened has its record in the archive. */
export const missingMeetings = (entries: readonly AuditEntry[], present: ReadonlySet<string>, prefix: string): ContentProblem[] =>
  entries
    .filter((e) => e.eventType === 'meeting.convened' && typeof payloadOf(e).meetingId === 'string' && !present.has(payloadOf(e).meetingId as string))
    .map((e) => ({
      code: 'MEETING_MISSING' as const,
      file: `${prefix}meetings/${String(payloadOf(e).meetingId)}.json`,
      entry: e,
      zh: `档案缺少第${e.caseSeq}条记录召集的会议的记录`,
      en: `the archive lacks the record of the meeting convened by entry #${e.caseSeq}`,
    }));

interface NoticeFile {
  id?: unknown;
  caseId?: unknown;
  kind?: unknown;
  title?: unknown;
  statePath?: unknown;
  startsAt?: unknown;
  body?: unknown;
  publishedSeq?: unknown;
  verificationHash?: unknown;
  closedAt?: unknown;
  closedHash?: unknown;
}

/**
 * A notice against the chain: its verification hash is the entry at its `publishedSeq`; replaying the
 * chain to that entry and building the notice the way the server does gives exactly its body, step
 * and kind; its closing hash, if any, is an entry of the chain at its closing time.
 */
export const checkNotice = (file: string, id: string, notice: NoticeFile, caseId: string, entries: readonly AuditEntry[]): ContentProblem[] => {
  const problems: ContentProblem[] = [];
  const bad = (entry: AuditEntry | null, zh: string, en: string) => problems.push({ code: 'NOTICE_MISMATCH', file, entry, zh: `公示 ${file}：${zh}`, en: `notice ${file}: ${en}` });
  if (notice.id !== id || notice.caseId !== caseId) bad(null, '公示或事项编号与档案不符', 'its notice or case id does not match the archive');
  const entry = entries.find((e) => e.globalSeq === notice.publishedSeq) ?? null;
  if (entry === null || entry.hash !== notice.verificationHash) {
    bad(entry, '核验码不是审计链中发布该公示的记录', 'its verification hash is not the chain entry that published it');
    return problems;
  }
  const created = entries[0];
  const definition = created === undefined ? undefined : getProcedure(created.procedureId, created.procedureVersion);
  const replay = replayCase(entries.filter((e) => e.caseSeq <= entry.caseSeq));
  if (created === undefined || definition === undefined || replay.snapshot === null || replay.problems.length > 0) {
    bad(entry, '无法重放到发布该公示的记录', 'the chain cannot be replayed to the entry that published it');
    return problems;
  }
  const statePath = activeStatePaths(restoreSnapshot(definition.machine, replay.snapshot)).at(-1);
  const state = noticeStateAt(definition, statePath);
  const { title, description } = payloadOf(created) as { title?: string; description?: string };
  if (state === undefined || state.path !== notice.statePath || state.kind !== notice.kind) {
    bad(entry, '发布时的流程步骤与审计链不符', 'the step it was published in is not the one the chain reached');
    return problems;
  }
  const record = { title, description, snapshot: replay.snapshot } as unknown as CaseRecord;
  const body = buildNoticeBody({ definition, record, entry, state });
  const differing = [...(same(body, notice.body) ? [] : ['body']), ...(notice.title === title ? [] : ['title']), ...(notice.startsAt === entry.recordedAt ? [] : ['startsAt'])];
  if (differing.length > 0) bad(entry, `内容与由审计链重新生成的公示不符（${differing.join('、')}）`, `its content differs from the notice regenerated from the chain (${differing.join(', ')})`);
  if (notice.closedHash !== null && notice.closedHash !== undefined) {
    const closing = entries.find((e) => e.hash === notice.closedHash) ?? null;
    if (closing === null || closing.recordedAt !== notice.closedAt) bad(closing, '结束记录不在审计链中', 'its closing entry is not in the chain');
  }
  return problems;
};

/**
 * Objections against the chain: each was filed by the `objection.filed` entry at its `filedSeq`,
 * with the text that entry records (when it records one); an answered one by the entry whose hash
 * it records, with the same reason and person; every objection the chain filed is in the file.
 * The objector's name is never in the chain.
 */
export const checkObjections = (file: string, objections: readonly ArchivedObjection[], entries: readonly AuditEntry[]): ContentProblem[] => {
  const problems: ContentProblem[] = [];
  const bad = (entry: AuditEntry | null, zh: string, en: string) => problems.push({ code: 'OBJECTION_MISMATCH', file, entry, zh: `${file}：${zh}`, en: `${file}: ${en}` });
  for (const o of objections) {
    const filed = entries.find((e) => e.globalSeq === o.filedSeq) ?? null;
    if (filed?.eventType !== 'objection.filed' || payloadOf(filed).objectionId !== o.id) bad(filed, `异议 ${o.id} 的提交记录不在审计链中`, `objection ${o.id}: its filing entry is not in the chain`);
    // the text is in the filing entry (trails from before that carry only the id: then the manifest alone covers it)
    else if (typeof payloadOf(filed).text === 'string' && payloadOf(filed).text !== o.text) bad(filed, `异议 ${o.id} 的内容与提交记录不符`, `objection ${o.id}: its text differs from its filing entry`);
    const answers = entries.filter((e) => (e.eventType === 'objection.uphold' || e.eventType === 'objection.dismiss') && payloadOf(e).objectionId === o.id);
    if (o.status === 'upheld' || o.status === 'dismissed') {
      const answer = entries.find((e) => e.hash === o.answerHash) ?? null;
      const p = answer === null ? {} : payloadOf(answer);
      const ok =
        answer !== null &&
        answer.eventType === (o.status === 'upheld' ? 'objection.uphold' : 'objection.dismiss') &&
        p.objectionId === o.id &&
        (p.reason ?? '') === o.answerReason &&
        answer.actor.personId === o.answeredBy &&
        answer.recordedAt === o.answeredAt;
      if (!ok) bad(answer, `异议 ${o.id} 的答复与审计链不符`, `objection ${o.id}: its answer does not match the chain`);
    } else if (answers.length > 0) {
      bad(answers[0] ?? null, `审计链已答复异议 ${o.id}，但档案记为 ${o.status}`, `the chain answered objection ${o.id}, but the archive says ${o.status}`);
    }
  }
  const listed = new Set(objections.map((o) => o.id));
  for (const e of entries) {
    const objectionId = payloadOf(e).objectionId;
    if (e.eventType === 'objection.filed' && typeof objectionId === 'string' && !listed.has(objectionId)) {
      problems.push({ code: 'OBJECTION_MISSING', file, entry: e, zh: `档案缺少第${e.caseSeq}条记录提交的异议`, en: `the archive lacks the objection filed by entry #${e.caseSeq}` });
    }
  }
  return problems;
};
