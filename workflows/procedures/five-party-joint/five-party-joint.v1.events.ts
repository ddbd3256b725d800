import { meetingClosed, optionalNoteField, reasonField, summaryField, withdrawBySubmitter } from '../../core/common-events.js';
import { SYSTEM, byRole, defineEvents } from '../../core/event-declaration.js';
import { FIVE_PARTY_NAMES } from '../../rules/body-types.js';

const convener = byRole('community_party_secretary');
const communityStaff = [convener, byRole('residents_committee')];

/** 五位一体 v1: every event, who may send it, and its payload — declared once. */
export const fivePartyJointEvents = defineEvents({
  'issue.accept': {
    label: { zh: '受理议题', en: 'Accept the issue' },
    description: { zh: '社区党组织受理业主提出的议题，召集五方联席会议。', en: "The community party organisation accepts the owners' issue and convenes the five parties." },
    senders: [convener],
    payload: { note: optionalNoteField },
  },
  'issue.reject': {
    label: { zh: '不予受理', en: 'Reject the issue' },
    description: { zh: '不予受理，必须说明理由。', en: 'Reject the issue, with a reason.' },
    senders: [convener],
    payload: { reason: reasonField },
  },
  'case.withdraw': withdrawBySubmitter,
  'meeting.closed': meetingClosed,
  'case.stop': {
    label: { zh: '终止议题', en: 'Stop the issue' },
    description: { zh: '联席会议无法形成决定时终止，必须说明理由。', en: 'Stop when the joint meeting cannot decide, with a reason.' },
    senders: [convener],
    payload: { reason: reasonField },
  },
  'implementation.assign': {
    label: { zh: '明确责任方', en: 'Assign implementation' },
    description: { zh: '明确负责落实的一方和任务；逾期由系统记录。', en: 'Name the responsible party and the task; an overdue task is recorded.' },
    senders: [convener],
    payload: {
      responsibleParty: { type: 'enum', label: { zh: '责任方', en: 'Responsible party' }, values: FIVE_PARTY_NAMES },
      task: { type: 'text', label: { zh: '任务', en: 'Task' }, maxLength: 2000 },
    },
  },
  'implementation.deadlinePassed': {
    label: { zh: '落实超期', en: 'Implementation overdue' },
    description: { zh: '落实期限届满仍未报告时由系统记录超期。', en: 'Recorded by the engine when the implementation deadline passes without a report.' },
    senders: [SYSTEM],
    payload: {},
  },
  'implementation.report': {
    label: { zh: '报告落实情况', en: 'Report implementation' },
    description: { zh: '报告责任方的落实情况。', en: "Report what the responsible party has done." },
    senders: communityStaff,
    payload: { summary: summaryField },
  },
  'feedback.report': {
    label: { zh: '向业主反馈', en: 'Feed back to owners' },
    description: { zh: '向业主反馈结果，事项办结。', en: 'Report the result back to the owners; the case closes.' },
    senders: communityStaff,
    payload: {
      summary: summaryField,
      channel: {
        type: 'enum',
        label: { zh: '反馈方式', en: 'Channel' },
        values: ['notice_board', 'owners_meeting', 'door_to_door', 'online_group'],
      },
    },
  },
});
