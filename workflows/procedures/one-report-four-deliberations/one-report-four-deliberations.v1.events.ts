import {
  meetingClosed,
  noticePeriodEnded,
  objectionAnswers,
  objectionFiled,
  optionalNoteField,
  reasonField,
  summaryField,
} from '../../core/common-events.js';
import { byRole, defineEvents } from '../../core/event-declaration.js';

/** Matters the villagers' assembly decides (村民委员会组织法 art. 24), for the report. */
export const MATTER_CATEGORIES = [
  'collective_income',
  'public_welfare_project',
  'land_contracting',
  'homestead',
  'land_compensation',
  'collective_property',
  'other',
] as const;

const partyBranch = byRole('party_branch', ['village', 'community']);
const townshipCommittee = byRole('township_party_committee', ['town', 'subdistrict']);
const villageCommittee = byRole('village_committee', ['village', 'community']);

/** 一报四议两公开 v1: every event, who may send it, and its payload — declared once. */
export const oneReportFourDeliberationsEvents = defineEvents({
  'report.submit': {
    label: { zh: '报乡镇党委', en: 'Report to the township' },
    description: { zh: '村党组织将重大事项报乡镇（街道）党委审核。', en: 'The village party organisation reports the matter to the township party committee.' },
    senders: [partyBranch],
    payload: {
      summary: summaryField,
      matterCategory: { type: 'enum', label: { zh: '事项类别', en: 'Matter' }, values: MATTER_CATEGORIES },
    },
  },
  'report.approve': {
    label: { zh: '同意', en: 'Approve the report' },
    description: { zh: '乡镇（街道）党委审核同意，进入四议。', en: 'The township party committee approves; the four deliberations may begin.' },
    senders: [townshipCommittee],
    payload: { opinion: optionalNoteField },
  },
  'report.return': {
    label: { zh: '退回', en: 'Return the report' },
    description: { zh: '乡镇（街道）党委退回修改，必须说明理由。', en: 'The township party committee returns the report for revision, with a reason.' },
    senders: [townshipCommittee],
    payload: { reason: reasonField },
  },
  'meeting.closed': meetingClosed,
  'case.stop': {
    label: { zh: '终止事项', en: 'Stop the matter' },
    description: { zh: '事项未获通过或不再推进时终止，必须说明理由。', en: 'Stop the matter (e.g. after a failed vote), with a reason.' },
    senders: [partyBranch],
    payload: { reason: reasonField },
  },
  'notice.periodEnded': noticePeriodEnded,
  'objection.filed': objectionFiled,
  ...objectionAnswers([villageCommittee, partyBranch]),
  'implementation.report': {
    label: { zh: '报告实施结果', en: 'Report the implementation' },
    description: { zh: '村民委员会组织实施后报告结果（如补偿款已发放），结果随即公开。', en: 'The village committee reports what was implemented (e.g. payments made); the result is then published.' },
    senders: [villageCommittee],
    payload: {
      summary: summaryField,
      completedOn: { type: 'date', label: { zh: '完成日期', en: 'Completed on' }, optional: true },
    },
  },
});
