import { meetingClosed, optionalNoteField, reasonField, summaryField, withdrawBySubmitter } from '../../core/common-events.js';
import { SYSTEM, byRole, defineEvents } from '../../core/event-declaration.js';

/** The four levels of 四级互动, lowest first; escalation moves one step right. */
export const LEVELS = ['building', 'grid', 'community', 'subdistrict'] as const;
export type Level = (typeof LEVELS)[number];

/** Staff who handle a case at its current level (their role must sit on that level's unit). */
const handlers = [
  byRole('party_branch', 'handling-level'),
  byRole('grid_worker', 'handling-level'),
  byRole('residents_committee', 'handling-level'),
  byRole('community_party_secretary', 'handling-level'),
  byRole('township_party_committee', 'handling-level'),
];
/** The party committee of the handling level: 楼栋党小组/网格党支部 → 社区大党委 → 街道大工委. */
const reviewers = [
  byRole('party_branch', 'handling-level'),
  byRole('community_party_secretary', 'handling-level'),
  byRole('township_party_committee', 'handling-level'),
];
const fieldStaff = [byRole('grid_worker'), byRole('residents_committee'), byRole('party_branch'), byRole('council_member')];

/** 四+五 v1: every event, who may send it, and its payload — declared once. */
export const fourPlusFiveEvents = defineEvents({
  'opinion.record': {
    label: { zh: '记录意见', en: 'Record an opinion' },
    description: { zh: '记录居民、商户等提出的意见（意见征集）。', en: 'Record an opinion from residents, stall holders or others.' },
    senders: fieldStaff,
    payload: {
      text: { type: 'text', label: { zh: '意见内容', en: 'Opinion' }, maxLength: 4000 },
      from: { type: 'text', label: { zh: '意见来源', en: 'From' }, maxLength: 200, optional: true },
    },
  },
  'collection.complete': {
    label: { zh: '征集完成，进入协商', en: 'Finish collecting' },
    description: { zh: '至少一条意见后进入协商议事。', en: 'With at least one opinion, move to deliberation.' },
    senders: handlers,
    payload: {},
  },
  'case.withdraw': withdrawBySubmitter,
  'case.escalate': {
    label: { zh: '提级办理', en: 'Escalate one level' },
    description: { zh: '超出本级职责范围时提交上一级办理，审核由上一级党组织进行。', en: "Beyond this level's remit: hand the case one level up; that level's party committee reviews it." },
    senders: handlers,
    payload: { reason: reasonField },
  },
  'meeting.closed': meetingClosed,
  'review.approve': {
    label: { zh: '审核同意', en: 'Approve' },
    description: { zh: '办理层级党组织审核同意协商结果。', en: "The handling level's party committee approves the outcome." },
    senders: reviewers,
    payload: { opinion: optionalNoteField },
  },
  'review.return': {
    label: { zh: '退回重新协商', en: 'Send back to deliberation' },
    description: { zh: '审核退回重新协商，必须说明理由（如需补充交通安全意见）。', en: 'Send back to deliberation with a reason (e.g. a traffic-safety opinion is needed).' },
    senders: reviewers,
    payload: { reason: reasonField },
  },
  'review.reject': {
    label: { zh: '审核不同意', en: 'Reject' },
    description: { zh: '审核不同意，必须说明理由。', en: 'Reject the outcome, with a reason.' },
    senders: reviewers,
    payload: { reason: reasonField },
  },
  'review.deadlinePassed': {
    label: { zh: '审核超期', en: 'Review overdue' },
    description: { zh: '审核期限届满仍未审核时由系统记录超期。', en: 'Recorded by the engine when the review deadline passes without a decision.' },
    senders: [SYSTEM],
    payload: {},
  },
  'implementation.report': {
    label: { zh: '落实反馈', en: 'Report implementation' },
    description: { zh: '报告落实情况并向居民反馈。', en: 'Report what was done and feed it back to residents.' },
    senders: fieldStaff,
    payload: { summary: summaryField },
  },
  'evaluation.submit': {
    label: { zh: '提交评估结果', en: 'Submit evaluation' },
    description: { zh: '登记居民满意度评估；低于设定标准则重新协商。', en: "Record residents' satisfaction; below the threshold the case reopens at deliberation." },
    senders: [byRole('residents_committee'), byRole('grid_worker')],
    payload: {
      satisfactionPercent: { type: 'integer', label: { zh: '满意率（%）', en: 'Satisfied (%)' }, min: 0, max: 100 },
      respondents: { type: 'integer', label: { zh: '参评人数', en: 'Respondents' }, min: 1, max: 1_000_000 },
      method: {
        type: 'enum',
        label: { zh: '评估方式', en: 'Method' },
        values: ['survey', 'meeting', 'door_to_door', 'online'],
      },
    },
  },
});
