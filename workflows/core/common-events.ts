import { BODY_TYPE_NAMES } from '../rules/body-types.js';
import { SUBMITTER, SYSTEM, type EventDecl } from './event-declaration.js';
import type { TextField } from './payload.js';

/** Event declarations and fields that several procedures share, declared once. */

export const reasonField: TextField = {
  type: 'text',
  label: { zh: '理由', en: 'Reason' },
  maxLength: 2000,
};

export const optionalNoteField: TextField = {
  type: 'text',
  label: { zh: '意见', en: 'Opinion' },
  maxLength: 2000,
  optional: true,
};

export const summaryField: TextField = {
  type: 'text',
  label: { zh: '情况说明', en: 'Summary' },
  maxLength: 4000,
};

export const meetingClosed = {
  label: { zh: '会议结果', en: 'Meeting result' },
  description: {
    zh: '会议闭会后由系统依法计算到会和表决结果并发送；任何人都不能直接宣布表决通过。',
    en: 'Sent by the engine when a meeting closes, with quorum and vote computed by the legal rule; nobody can assert a result.',
  },
  senders: [SYSTEM],
  payload: {
    meetingId: { type: 'ref', label: { zh: '会议', en: 'Meeting' } },
    body: { type: 'enum', label: { zh: '会议类型', en: 'Body' }, values: BODY_TYPE_NAMES },
    quorumMet: { type: 'boolean', label: { zh: '达到法定人数', en: 'Quorum met' } },
    passed: { type: 'boolean', label: { zh: '表决通过', en: 'Motion passed' } },
    ruleId: { type: 'text', label: { zh: '适用规则', en: 'Rule applied' }, maxLength: 100 },
    // The figures the rule decided on, so that the trail itself shows them.
    expected: { type: 'integer', label: { zh: '应到', en: 'Expected' }, min: 0, max: 10_000_000, optional: true },
    present: { type: 'integer', label: { zh: '实到', en: 'Present' }, min: 0, max: 10_000_000, optional: true },
    recused: { type: 'integer', label: { zh: '回避', en: 'Recused' }, min: 0, max: 10_000_000, optional: true },
    votesFor: { type: 'integer', label: { zh: '赞成', en: 'For' }, min: 0, max: 10_000_000, optional: true },
    votesAgainst: { type: 'integer', label: { zh: '反对', en: 'Against' }, min: 0, max: 10_000_000, optional: true },
    votesAbstain: { type: 'integer', label: { zh: '弃权', en: 'Abstain' }, min: 0, max: 10_000_000, optional: true },
  },
} as const satisfies EventDecl;

export const noticePeriodEnded = {
  label: { zh: '公示期满', en: 'Notice period ended' },
  description: {
    zh: '公示期届满时由系统发送；公示不能提前结束。',
    en: 'Sent by the engine when the notice period has run; a notice cannot end early.',
  },
  senders: [SYSTEM],
  payload: {},
} as const satisfies EventDecl;

export const objectionFiled = {
  label: { zh: '收到异议', en: 'Objection filed' },
  description: {
    zh: '公示期内有人提出异议时由系统记录；异议需逐一答复。',
    en: 'Recorded by the engine when someone objects during the notice period; every objection must be answered.',
  },
  senders: [SYSTEM],
  payload: {
    objectionId: { type: 'ref', label: { zh: '异议', en: 'Objection' } },
    // Optional so that entries recorded before the text was chained still validate and replay;
    // the engine has sent it with every objection since. Name and contact are never in the trail.
    text: {
      type: 'text',
      label: { zh: '异议内容', en: 'Objection text' },
      description: {
        zh: '异议人提交的原文（不含姓名和联系方式），使异议内容事后无法被改动而不被发现。',
        en: 'The text as filed (never the name or contact), so that it cannot be changed afterwards unnoticed.',
      },
      maxLength: 2000,
      optional: true,
    },
  },
} as const satisfies EventDecl;

const objectionAnswerPayload = {
  objectionId: { type: 'ref', label: { zh: '异议', en: 'Objection' } },
  reason: reasonField,
} as const;

export const objectionAnswers = (senders: EventDecl['senders']) =>
  ({
    'objection.uphold': {
      label: { zh: '异议成立', en: 'Uphold objection' },
      description: { zh: '认定异议成立，事项按程序退回重议。', en: 'The objection is upheld and the matter goes back as the procedure says.' },
      senders,
      payload: objectionAnswerPayload,
    },
    'objection.dismiss': {
      label: { zh: '异议不成立', en: 'Dismiss objection' },
      description: { zh: '答复异议不成立并说明理由。', en: 'Answer that the objection is not upheld, with a reason.' },
      senders,
      payload: objectionAnswerPayload,
    },
  }) as const satisfies Record<string, EventDecl>;

export const withdrawBySubmitter = {
  label: { zh: '撤回', en: 'Withdraw' },
  description: { zh: '提议人在协商前撤回事项。', en: 'The submitter withdraws the proposal before consultation.' },
  senders: [SUBMITTER],
  payload: { reason: reasonField },
} as const satisfies EventDecl;
