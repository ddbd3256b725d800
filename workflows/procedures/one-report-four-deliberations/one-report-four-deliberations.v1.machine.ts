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
import { oneReportFourDeliberationsEvents } from './one-report-four-deliberations.v1.events.js';

export interface OneReportConfig {
  readonly resolutionNoticeDays: number;
  readonly resultNoticeDays: number;
}

export interface OneReportContext extends SharedCaseContext {
  readonly config: OneReportConfig;
  readonly reportReturns: number;
}

const PROPOSING: readonly BodyType[] = ['party_organisation_meeting'];
const DISCUSSING: readonly BodyType[] = ['two_committee_joint_meeting'];
const REVIEWING: readonly BodyType[] = ['party_member_assembly'];
const RESOLVING: readonly BodyType[] = ['villager_representative_meeting', 'villagers_assembly'];
const RESOLUTION_TIMER = 'resolutionNotice';
const RESULT_TIMER = 'resultNotice';

/** A deliberation step: decided by a meeting of `bodies`; a failed vote stays (a new meeting may be held) or the branch stops it. */
const deliberation = (bodies: readonly BodyType[], next: string) => ({
  on: {
    'meeting.closed': meetingResult(bodies, next),
    'case.stop': { target: 'stopped', actions: 'recordReason' as const },
  },
});

export const oneReportFourDeliberationsMachineV1 = setup({
  types: {
    context: {} as OneReportContext,
    events: {} as EventsOf<typeof oneReportFourDeliberationsEvents>,
    input: {} as CaseInput<OneReportConfig>,
    meta: {} as StateMeta,
  },
  guards: { meetingPassed, meetingOfStep, isPendingObjection, noPendingObjections },
  actions: {
    recordMeeting: assign(({ context, event }) => withMeeting(context, event)),
    recordReason: assign(({ context, event }) => withReason(context, event)),
    recordReturn: assign(({ context, event }) => ({ ...withReason(context, event), reportReturns: context.reportReturns + 1 })),
    fileObjection: assign(({ context, event }) => withObjectionFiled(context, event)),
    answerObjection: assign(({ context, event }) => withObjectionAnswered(context, event)),
    withdrawNotice: assign(({ context, event }) => withNoticeWithdrawn(context, event)),
    startResolutionNotice: raise({ type: 'notice.periodEnded', payload: {} }, { id: RESOLUTION_TIMER, delay: 'resolutionNotice' }),
    stopResolutionNotice: cancel(RESOLUTION_TIMER),
    startResultNotice: raise({ type: 'notice.periodEnded', payload: {} }, { id: RESULT_TIMER, delay: 'resultNotice' }),
    stopResultNotice: cancel(RESULT_TIMER),
  },
  delays: {
    resolutionNotice: ({ context }) => context.config.resolutionNoticeDays * DAY_MS,
    resultNotice: ({ context }) => context.config.resultNoticeDays * DAY_MS,
  },
}).createMachine({
  id: 'one-report-four-deliberations',
  context: ({ input }) => ({ ...initialSharedContext(), config: caseInputOf(input).config, reportReturns: 0 }),
  initial: 'drafting',
  states: {
    drafting: {
      meta: {
        label: { zh: '拟定事项', en: 'Drafting' },
        description: { zh: '村党组织拟定重大事项方案，准备报乡镇（街道）党委。', en: 'The village party organisation drafts the matter to report to the township.' },
      },
      on: {
        'report.submit': 'reported',
        'case.stop': { target: 'stopped', actions: 'recordReason' },
      },
    },
    reported: {
      meta: {
        label: { zh: '一报：报乡镇党委审核', en: 'Reported to the township' },
        description: { zh: '决策前报乡镇（街道）党委审核；同意后方可进入四议，退回则修改后重报。', en: 'Before any deliberation the township party committee approves, or returns it for revision.' },
      },
      on: {
        'report.approve': 'proposing',
        'report.return': { target: 'drafting', actions: 'recordReturn' },
      },
    },
    proposing: {
      meta: {
        label: { zh: '一议：村党组织提议', en: 'Party organisation proposes' },
        description: { zh: '村党组织会议提出议案。', en: 'The village party organisation meeting proposes.' },
        meeting: { bodies: PROPOSING },
      },
      ...deliberation(PROPOSING, 'discussing'),
    },
    discussing: {
      meta: {
        label: { zh: '二议：两委联席会议商议', en: 'Two committees discuss' },
        description: { zh: '村党组织和村委会联席会议商议。', en: 'The joint meeting of the two committees discusses.' },
        meeting: { bodies: DISCUSSING },
      },
      ...deliberation(DISCUSSING, 'reviewing'),
    },
    reviewing: {
      meta: {
        label: { zh: '三议：党员大会审议', en: 'Party-member assembly reviews' },
        description: { zh: '党员大会审议；过半数党员到会，赞成超过应到党员半数方为通过。', en: 'The party-member assembly reviews: more than half attend, and more than half of all eligible members vote for.' },
        meeting: { bodies: REVIEWING },
      },
      ...deliberation(REVIEWING, 'resolving'),
    },
    resolving: {
      meta: {
        label: { zh: '四议：村民代表会议或村民会议决议', en: "Representatives or assembly resolve" },
        description: { zh: '村民代表会议或村民会议依法表决形成决议。', en: "The villager-representative meeting or villagers' assembly resolves under the law." },
        meeting: { bodies: RESOLVING },
      },
      ...deliberation(RESOLVING, 'resolutionPublished'),
    },
    resolutionPublished: noticeState({
      label: { zh: '决议公开', en: 'Resolution published' },
      description: { zh: '公开决议；公示期内可提出异议，异议成立退回两委重新商议。', en: 'The resolution is published; an upheld objection sends the matter back to the two committees.' },
      kind: 'resolution',
      next: '#one-report-four-deliberations.implementing',
      onUphold: 'discussing',
      startTimer: 'startResolutionNotice',
      stopTimer: 'stopResolutionNotice',
    }),
    implementing: {
      meta: {
        label: { zh: '组织实施', en: 'Implementing' },
        description: { zh: '村民委员会组织实施决议并报告结果。', en: 'The village committee carries out the resolution and reports the result.' },
      },
      on: { 'implementation.report': 'resultPublished' },
    },
    resultPublished: noticeState({
      label: { zh: '实施结果公开', en: 'Result published' },
      description: { zh: '公开实施结果；异议成立退回重新实施。', en: 'The implementation result is published; an upheld objection sends it back to implementation.' },
      kind: 'implementation_result',
      next: '#one-report-four-deliberations.closed',
      onUphold: 'implementing',
      startTimer: 'startResultNotice',
      stopTimer: 'stopResultNotice',
    }),
    closed: {
      type: 'final',
      meta: { label: { zh: '已办结', en: 'Closed' }, description: { zh: '决议和实施结果均已公开，事项办结。', en: 'Both publications done; closed.' }, outcome: 'completed' },
    },
    stopped: {
      type: 'final',
      meta: { label: { zh: '已终止', en: 'Stopped' }, description: { zh: '事项未获通过或被终止。', en: 'The matter failed or was stopped.' }, outcome: 'stopped' },
    },
  },
});
