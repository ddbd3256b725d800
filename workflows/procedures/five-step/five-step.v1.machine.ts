import { assign, cancel, raise, setup } from 'xstate';
import type { EventsOf } from '../../core/event-declaration.js';
import {
  initialSharedContext,
  isPendingObjection,
  meetingOfStep,
  meetingPassed,
  noPendingObjections,
  withMeeting,
  withNoticeWithdrawn,
  withObjectionAnswered,
  withObjectionFiled,
  withReason,
  type SharedCaseContext,
} from '../../core/case-context.js';
import { meetingResult } from '../../core/meeting-step.js';
import { noticeState } from '../../core/notice-state.js';
import { DAY_MS, caseInputOf, type CaseInput, type StateMeta } from '../../core/procedure.js';
import type { BodyType } from '../../rules/body-types.js';
import { fiveStepEvents } from './five-step.v1.events.js';

export interface FiveStepConfig {
  readonly noticePeriodDays: number;
}

export interface FiveStepContext extends SharedCaseContext {
  readonly config: FiveStepConfig;
  readonly findings: number;
  readonly opinions: number;
}

const CONSULTATION_BODIES: readonly BodyType[] = ['resident_council'];
const NOTICE_TIMER = 'noticePeriod';

export const fiveStepMachineV1 = setup({
  types: {
    context: {} as FiveStepContext,
    events: {} as EventsOf<typeof fiveStepEvents>,
    input: {} as CaseInput<FiveStepConfig>,
    meta: {} as StateMeta,
  },
  guards: {
    hasFindings: ({ context }) => context.findings > 0,
    meetingPassed,
    meetingOfStep,
    isPendingObjection,
    noPendingObjections,
  },
  actions: {
    countFinding: assign({ findings: ({ context }) => context.findings + 1 }),
    countOpinion: assign({ opinions: ({ context }) => context.opinions + 1 }),
    recordMeeting: assign(({ context, event }) => withMeeting(context, event)),
    recordReason: assign(({ context, event }) => withReason(context, event)),
    fileObjection: assign(({ context, event }) => withObjectionFiled(context, event)),
    answerObjection: assign(({ context, event }) => withObjectionAnswered(context, event)),
    withdrawNotice: assign(({ context, event }) => withNoticeWithdrawn(context, event)),
    startNoticePeriod: raise({ type: 'notice.periodEnded', payload: {} }, { id: NOTICE_TIMER, delay: 'noticePeriod' }),
    stopNoticePeriod: cancel(NOTICE_TIMER),
  },
  delays: {
    noticePeriod: ({ context }) => context.config.noticePeriodDays * DAY_MS,
  },
}).createMachine({
  id: 'five-step',
  context: ({ input }) => ({ ...initialSharedContext(), config: caseInputOf(input).config, findings: 0, opinions: 0 }),
  initial: 'topic',
  states: {
    topic: {
      meta: {
        label: { zh: '选题', en: 'Topic selection' },
        description: { zh: '议事会书记员受理或不予受理居民提议。', en: "The council clerk accepts or rejects a resident's proposal." },
      },
      on: {
        'topic.accept': 'research',
        'topic.reject': { target: 'rejected', actions: 'recordReason' },
        'case.withdraw': { target: 'withdrawn', actions: 'recordReason' },
      },
    },
    research: {
      meta: {
        label: { zh: '调研', en: 'Research' },
        description: { zh: '记录调研发现和居民意见；至少一条发现后方可协商。', en: "Record findings and residents' opinions; at least one finding before consultation." },
      },
      on: {
        'research.addFinding': { actions: 'countFinding' },
        'research.addOpinion': { actions: 'countOpinion' },
        'research.complete': { guard: 'hasFindings', target: 'consultation' },
        'case.withdraw': { target: 'withdrawn', actions: 'recordReason' },
      },
    },
    consultation: {
      meta: {
        label: { zh: '协商', en: 'Consultation' },
        description: { zh: '居民议事会开会协商；依法达到人数并过半数赞成方为通过，未通过退回调研。', en: 'A resident-council meeting deliberates; not adopted (or no quorum) sends the topic back to research.' },
        meeting: { bodies: CONSULTATION_BODIES },
      },
      on: {
        'meeting.closed': meetingResult(CONSULTATION_BODIES, 'study', 'research'),
        'consultation.reject': { target: 'rejected', actions: 'recordReason' },
      },
    },
    study: {
      meta: {
        label: { zh: '研究', en: 'Study' },
        description: { zh: '社区党组织、居委会研究决定：同意、退回重新协商或否决，均须说明意见。', en: "The community party organisation / residents' committee approves, returns to consultation or rejects, with reasons." },
      },
      on: {
        'study.approve': 'publicNotice',
        'study.return': { target: 'consultation', actions: 'recordReason' },
        'study.reject': { target: 'rejected', actions: 'recordReason' },
      },
    },
    publicNotice: noticeState({
      label: { zh: '公示', en: 'Public notice' },
      description: { zh: '协商结果公示；公示期内可提出异议，异议成立退回协商。', en: 'The outcome is published; objections during the period are answered; an upheld objection returns the case to consultation.' },
      kind: 'consultation_outcome',
      next: '#five-step.implementation',
      onUphold: 'consultation',
      startTimer: 'startNoticePeriod',
      stopTimer: 'stopNoticePeriod',
    }),
    implementation: {
      meta: {
        label: { zh: '已通过·落实中', en: 'Adopted, implementing' },
        description: { zh: '公示无成立异议，事项通过；居委会落实后报告。', en: "Adopted with no upheld objection; the residents' committee implements and reports." },
      },
      on: { 'implementation.report': 'completed' },
    },
    completed: {
      type: 'final',
      meta: { label: { zh: '已办结', en: 'Completed' }, description: { zh: '事项已落实办结。', en: 'Implemented and completed.' }, outcome: 'completed' },
    },
    rejected: {
      type: 'final',
      meta: { label: { zh: '未通过', en: 'Rejected' }, description: { zh: '事项被否决或不予受理。', en: 'The proposal was rejected.' }, outcome: 'rejected' },
    },
    withdrawn: {
      type: 'final',
      meta: { label: { zh: '已撤回', en: 'Withdrawn' }, description: { zh: '提议人已撤回。', en: 'The submitter withdrew the proposal.' }, outcome: 'withdrawn' },
    },
  },
});
