import { assign, cancel, raise, setup } from 'xstate';
import type { EventsOf } from '../../core/event-declaration.js';
import {
  initialSharedContext,
  meetingOfStep,
  meetingPassed,
  withMeeting,
  withReason,
  type SharedCaseContext,
} from '../../core/case-context.js';
import { meetingResult } from '../../core/meeting-step.js';
import { DAY_MS, caseInputOf, type CaseInput, type StateMeta } from '../../core/procedure.js';
import type { BodyType, FiveParty } from '../../rules/body-types.js';
import { fivePartyJointEvents } from './five-party-joint.v1.events.js';

export interface FivePartyConfig {
  readonly implementationDeadlineDays: number;
}

export interface FivePartyContext extends SharedCaseContext {
  readonly config: FivePartyConfig;
  readonly responsibleParty: FiveParty | null;
  readonly implementationOverdue: boolean;
}

const JOINT_MEETING: readonly BodyType[] = ['five_party_joint_meeting'];
const IMPLEMENTATION_TIMER = 'implementationDeadline';

export const fivePartyJointMachineV1 = setup({
  types: {
    context: {} as FivePartyContext,
    events: {} as EventsOf<typeof fivePartyJointEvents>,
    input: {} as CaseInput<FivePartyConfig>,
    meta: {} as StateMeta,
  },
  guards: { meetingPassed, meetingOfStep },
  actions: {
    recordMeeting: assign(({ context, event }) => withMeeting(context, event)),
    recordReason: assign(({ context, event }) => withReason(context, event)),
    assignParty: assign({
      responsibleParty: ({ context, event }) =>
        event.type === 'implementation.assign' ? event.payload.responsibleParty : context.responsibleParty,
    }),
    markOverdue: assign({ implementationOverdue: true }),
    startImplementationDeadline: raise(
      { type: 'implementation.deadlinePassed', payload: {} },
      { id: IMPLEMENTATION_TIMER, delay: 'implementationDeadline' },
    ),
    stopImplementationDeadline: cancel(IMPLEMENTATION_TIMER),
  },
  delays: {
    implementationDeadline: ({ context }) => context.config.implementationDeadlineDays * DAY_MS,
  },
}).createMachine({
  id: 'five-party-joint',
  context: ({ input }) => ({ ...initialSharedContext(), config: caseInputOf(input).config, responsibleParty: null, implementationOverdue: false }),
  initial: 'issueRaised',
  states: {
    issueRaised: {
      meta: {
        label: { zh: '议题提出', en: 'Issue raised' },
        description: { zh: '业主或居民提出议题，社区党组织受理或不予受理。', en: 'Owners raise an issue; the community party organisation accepts or rejects it.' },
      },
      on: {
        'issue.accept': 'jointMeeting',
        'issue.reject': { target: 'rejected', actions: 'recordReason' },
        'case.withdraw': { target: 'withdrawn', actions: 'recordReason' },
      },
    },
    jointMeeting: {
      meta: {
        label: { zh: '五方联席会议', en: 'Five-party joint meeting' },
        description: {
          zh: '社区党组织、居委会、社区服务站、业主委员会、物业服务企业五方均须到会方可决定。',
          en: "The party organisation, residents' committee, service station, owners' committee and property company must all be represented to decide.",
        },
        meeting: { bodies: JOINT_MEETING },
      },
      on: {
        'meeting.closed': meetingResult(JOINT_MEETING, 'decided'),
        'case.stop': { target: 'stopped', actions: 'recordReason' },
      },
    },
    decided: {
      meta: {
        label: { zh: '形成决定', en: 'Decided' },
        description: { zh: '联席会议已形成决定，明确落实责任方。', en: 'The joint meeting decided; name the party responsible for implementation.' },
      },
      on: { 'implementation.assign': { target: 'implementing', actions: 'assignParty' } },
    },
    implementing: {
      meta: {
        label: { zh: '组织落实', en: 'Implementing' },
        description: { zh: '责任方落实决定；逾期由系统记录。', en: 'The responsible party implements; an overdue task is recorded.' },
      },
      entry: 'startImplementationDeadline',
      exit: 'stopImplementationDeadline',
      on: {
        'implementation.report': 'feedback',
        'implementation.deadlinePassed': { actions: 'markOverdue' },
      },
    },
    feedback: {
      meta: {
        label: { zh: '结果反馈', en: 'Feedback' },
        description: { zh: '向业主反馈落实结果后办结。', en: 'Report the result back to the owners, then close.' },
      },
      on: { 'feedback.report': 'closed' },
    },
    closed: {
      type: 'final',
      meta: { label: { zh: '已办结', en: 'Closed' }, description: { zh: '已反馈，事项办结。', en: 'Fed back and closed.' }, outcome: 'completed' },
    },
    rejected: {
      type: 'final',
      meta: { label: { zh: '不予受理', en: 'Rejected' }, description: { zh: '议题不予受理。', en: 'The issue was rejected.' }, outcome: 'rejected' },
    },
    withdrawn: {
      type: 'final',
      meta: { label: { zh: '已撤回', en: 'Withdrawn' }, description: { zh: '提议人已撤回。', en: 'The submitter withdrew.' }, outcome: 'withdrawn' },
    },
    stopped: {
      type: 'final',
      meta: { label: { zh: '已终止', en: 'Stopped' }, description: { zh: '联席会议未能形成决定，议题终止。', en: 'The joint meeting could not decide; stopped.' }, outcome: 'stopped' },
    },
  },
});
