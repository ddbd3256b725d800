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
import type { BodyType } from '../../rules/body-types.js';
import { LEVELS, fourPlusFiveEvents, type Level } from './four-plus-five.v1.events.js';

export interface FourPlusFiveConfig {
  /** 结果评估: satisfaction at or above this percentage (以上, inclusive) closes the case. */
  readonly evaluationThresholdPercent: number;
  readonly reviewDeadlineDays: number;
}

export interface FourPlusFiveContext extends SharedCaseContext {
  readonly config: FourPlusFiveConfig;
  readonly level: Level;
  readonly opinions: number;
  readonly reviewOverdue: boolean;
  readonly evaluations: readonly { readonly satisfactionPercent: number; readonly passed: boolean }[];
}

const DELIBERATION_BODIES: readonly BodyType[] = ['resident_council', 'residents_assembly'];
const REVIEW_TIMER = 'reviewDeadline';

const levelOf = (unitKind: string): Level => ((LEVELS as readonly string[]).includes(unitKind) ? (unitKind as Level) : 'community');
const levelAbove = (level: Level): Level => LEVELS[Math.min(LEVELS.indexOf(level) + 1, LEVELS.length - 1)] ?? level;

const satisfactionOf = (event: { type: string; payload: object }): number =>
  event.type === 'evaluation.submit' ? (event.payload as { satisfactionPercent: number }).satisfactionPercent : -1;

export const fourPlusFiveMachineV1 = setup({
  types: {
    context: {} as FourPlusFiveContext,
    events: {} as EventsOf<typeof fourPlusFiveEvents>,
    input: {} as CaseInput<FourPlusFiveConfig>,
    meta: {} as StateMeta,
  },
  guards: {
    hasOpinions: ({ context }) => context.opinions > 0,
    canEscalate: ({ context }) => context.level !== 'subdistrict',
    meetsThreshold: ({ context, event }) => satisfactionOf(event) >= context.config.evaluationThresholdPercent,
    meetingPassed,
    meetingOfStep,
  },
  actions: {
    countOpinion: assign({ opinions: ({ context }) => context.opinions + 1 }),
    escalate: assign(({ context, event }) => ({ ...withReason(context, event), level: levelAbove(context.level) })),
    recordMeeting: assign(({ context, event }) => withMeeting(context, event)),
    recordReason: assign(({ context, event }) => withReason(context, event)),
    markReviewOverdue: assign({ reviewOverdue: true }),
    recordEvaluation: assign(({ context, event }) => {
      const satisfactionPercent = satisfactionOf(event);
      const passed = satisfactionPercent >= context.config.evaluationThresholdPercent;
      return { evaluations: [...context.evaluations, { satisfactionPercent, passed }] };
    }),
    startReviewDeadline: raise({ type: 'review.deadlinePassed', payload: {} }, { id: REVIEW_TIMER, delay: 'reviewDeadline' }),
    stopReviewDeadline: cancel(REVIEW_TIMER),
  },
  delays: {
    reviewDeadline: ({ context }) => context.config.reviewDeadlineDays * DAY_MS,
  },
}).createMachine({
  id: 'four-plus-five',
  context: ({ input }) => ({
    ...initialSharedContext(),
    config: caseInputOf(input).config,
    level: levelOf(caseInputOf(input).unitKind),
    opinions: 0,
    reviewOverdue: false,
    evaluations: [],
  }),
  initial: 'opinionCollection',
  states: {
    opinionCollection: {
      meta: {
        label: { zh: '意见征集', en: 'Collecting opinions' },
        description: { zh: '网格员、居委会等征集居民意见；超出本级职责可提级。', en: 'Grid workers and staff collect opinions; a case beyond this level can be escalated.' },
      },
      on: {
        'opinion.record': { actions: 'countOpinion' },
        'collection.complete': { guard: 'hasOpinions', target: 'deliberation' },
        'case.escalate': { guard: 'canEscalate', actions: 'escalate' },
        'case.withdraw': { target: 'withdrawn', actions: 'recordReason' },
      },
    },
    deliberation: {
      meta: {
        label: { zh: '协商议事', en: 'Deliberation' },
        description: { zh: '组织居民、商户、物业等协商；会议依法通过后提交党组织审核。', en: 'Residents and other parties deliberate; once a meeting passes the outcome, the party committee reviews it.' },
        meeting: { bodies: DELIBERATION_BODIES },
      },
      on: {
        'meeting.closed': meetingResult(DELIBERATION_BODIES, 'partyReview'),
        'case.escalate': { guard: 'canEscalate', actions: 'escalate' },
      },
    },
    partyReview: {
      meta: {
        label: { zh: '党委审核', en: 'Party-committee review' },
        description: { zh: '办理层级党组织审核：同意、退回重新协商或不同意；超期由系统记录。', en: "The handling level's party committee approves, sends back or rejects; an overdue review is recorded." },
      },
      entry: 'startReviewDeadline',
      exit: 'stopReviewDeadline',
      on: {
        'review.approve': 'implementation',
        'review.return': { target: 'deliberation', actions: 'recordReason' },
        'review.reject': { target: 'rejected', actions: 'recordReason' },
        'review.deadlinePassed': { actions: 'markReviewOverdue' },
      },
    },
    implementation: {
      meta: {
        label: { zh: '落实反馈', en: 'Implementation and feedback' },
        description: { zh: '落实协商结果并向居民反馈。', en: 'Carry out the outcome and report back to residents.' },
      },
      on: { 'implementation.report': 'evaluation' },
    },
    evaluation: {
      meta: {
        label: { zh: '结果评估', en: 'Evaluation' },
        description: { zh: '居民评估满意度；达到标准办结，否则重新协商。', en: 'Residents rate the result; at or above the threshold the case closes, below it reopens at deliberation.' },
      },
      on: {
        'evaluation.submit': [
          { guard: 'meetsThreshold', target: 'closed', actions: 'recordEvaluation' },
          { target: 'deliberation', actions: 'recordEvaluation' },
        ],
      },
    },
    closed: {
      type: 'final',
      meta: { label: { zh: '已办结', en: 'Closed' }, description: { zh: '评估达标，事项办结。', en: 'Evaluated at or above the threshold; closed.' }, outcome: 'completed' },
    },
    rejected: {
      type: 'final',
      meta: { label: { zh: '未通过', en: 'Rejected' }, description: { zh: '党组织审核不同意。', en: 'The party committee rejected the outcome.' }, outcome: 'rejected' },
    },
    withdrawn: {
      type: 'final',
      meta: { label: { zh: '已撤回', en: 'Withdrawn' }, description: { zh: '提议人已撤回。', en: 'The submitter withdrew.' }, outcome: 'withdrawn' },
    },
  },
});
