import {
  meetingClosed,
  noticePeriodEnded,
  objectionAnswers,
  objectionFiled,
  optionalNoteField,
  reasonField,
  summaryField,
  withdrawBySubmitter,
} from '../../core/common-events.js';
import { byRole, defineEvents } from '../../core/event-declaration.js';

const clerk = byRole('council_clerk');
const studyBodies = [byRole('community_party_secretary'), byRole('residents_committee')];

/** 五步议事 v1: every event, who may send it, and its payload — declared once. */
export const fiveStepEvents = defineEvents({
  'topic.accept': {
    label: { zh: '受理为议题', en: 'Accept as topic' },
    description: { zh: '议事会书记员将居民提议受理为议题。', en: "The council clerk accepts a resident's proposal as a topic." },
    senders: [clerk],
    payload: { note: optionalNoteField },
  },
  'topic.reject': {
    label: { zh: '不予受理', en: 'Reject topic' },
    description: { zh: '不予受理，必须说明理由。', en: 'Reject the proposal, with a reason.' },
    senders: [clerk],
    payload: { reason: reasonField },
  },
  'case.withdraw': withdrawBySubmitter,
  'research.addFinding': {
    label: { zh: '记录调研发现', en: 'Record a finding' },
    description: { zh: '记录走访、问卷等调研发现。', en: 'Record a finding from visits, surveys or documents.' },
    senders: [clerk, byRole('council_member'), byRole('grid_worker')],
    payload: {
      summary: summaryField,
      method: {
        type: 'enum',
        label: { zh: '调研方式', en: 'Method' },
        values: ['visit', 'survey', 'meeting', 'document', 'other'],
        optional: true,
      },
    },
  },
  'research.addOpinion': {
    label: { zh: '记录居民意见', en: "Record residents' opinion" },
    description: { zh: '记录居民对议题的意见。', en: "Record residents' opinions on the topic." },
    senders: [clerk, byRole('council_member'), byRole('grid_worker')],
    payload: {
      text: { type: 'text', label: { zh: '意见内容', en: 'Opinion' }, maxLength: 4000 },
      from: { type: 'text', label: { zh: '意见来源', en: 'From' }, maxLength: 200, optional: true },
    },
  },
  'research.complete': {
    label: { zh: '调研完成，提交协商', en: 'Finish research' },
    description: { zh: '至少有一条调研发现后，提交议事会协商。', en: 'With at least one finding, send the topic to consultation.' },
    senders: [clerk],
    payload: {},
  },
  'meeting.closed': meetingClosed,
  'consultation.reject': {
    label: { zh: '终止议题', en: 'Reject after consultation' },
    description: { zh: '协商后决定不再推进，必须说明理由。', en: 'Decide not to pursue the topic after consultation, with a reason.' },
    senders: [clerk],
    payload: { reason: reasonField },
  },
  'study.approve': {
    label: { zh: '研究同意', en: 'Approve' },
    description: { zh: '社区党组织、居委会研究同意协商结果。', en: "The community party organisation / residents' committee approves the outcome." },
    senders: studyBodies,
    payload: { opinion: { ...reasonField, label: { zh: '研究意见', en: 'Opinion' } } },
  },
  'study.return': {
    label: { zh: '退回重新协商', en: 'Return to consultation' },
    description: { zh: '退回议事会重新协商，必须说明理由。', en: 'Send back to the council for another consultation, with a reason.' },
    senders: studyBodies,
    payload: { reason: reasonField },
  },
  'study.reject': {
    label: { zh: '研究否决', en: 'Reject' },
    description: { zh: '研究不同意，必须说明理由。', en: 'Reject the outcome, with a reason.' },
    senders: studyBodies,
    payload: { reason: reasonField },
  },
  'notice.periodEnded': noticePeriodEnded,
  'objection.filed': objectionFiled,
  ...objectionAnswers([clerk, byRole('residents_committee')]),
  'implementation.report': {
    label: { zh: '报告落实情况', en: 'Report implementation' },
    description: { zh: '居委会报告落实情况（如合同已签订），事项办结。', en: "The residents' committee reports the implementation (e.g. contract signed); the case completes." },
    senders: [byRole('residents_committee')],
    payload: {
      summary: summaryField,
      completedOn: { type: 'date', label: { zh: '完成日期', en: 'Completed on' }, optional: true },
    },
  },
});
