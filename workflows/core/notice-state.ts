import type { Label } from './label.js';
import type { NoticeKind, StateMeta } from './procedure.js';

interface NoticeStateOptions<TStart extends string, TStop extends string> {
  readonly label: Label;
  readonly description: Label;
  readonly kind: NoticeKind;
  /** Absolute target (`#machine.state`) once the period has ended and no objection stands. */
  readonly next: string;
  /** Target (a sibling state) when an objection is upheld. */
  readonly onUphold: string;
  /** Names of the actions that start and cancel this notice's period timer. */
  readonly startTimer: TStart;
  readonly stopTimer: TStop;
}

/**
 * A public-notice (公示/公开) state, the same in every procedure: the period is a delayed
 * `notice.periodEnded` (a durable timer in the engine, never ended early); objections filed while it
 * runs must each be answered; an upheld one withdraws the notice and sends the case back; when the
 * period ends with objections unanswered the case waits for the answers.
 */
export const noticeState = <const TStart extends string, const TStop extends string>(options: NoticeStateOptions<TStart, TStop>) => ({
  meta: { label: options.label, description: options.description, notice: { kind: options.kind } } satisfies StateMeta,
  entry: options.startTimer,
  exit: options.stopTimer,
  initial: 'running' as const,
  on: {
    'objection.uphold': { guard: 'isPendingObjection' as const, target: options.onUphold, actions: 'withdrawNotice' as const },
    'objection.dismiss': { guard: 'isPendingObjection' as const, actions: 'answerObjection' as const },
  },
  states: {
    running: {
      meta: {
        label: { zh: '公示中', en: 'Notice running' },
        description: { zh: '公示期未满，可提出异议。', en: 'The notice period is running; objections may be filed.' },
      } satisfies StateMeta,
      on: {
        'objection.filed': { actions: 'fileObjection' as const },
        'notice.periodEnded': [{ guard: 'noPendingObjections' as const, target: options.next }, { target: 'awaitingAnswers' }],
      },
    },
    awaitingAnswers: {
      meta: {
        label: { zh: '期满·待答复异议', en: 'Period ended, objections unanswered' },
        description: {
          zh: '公示期已满，仍有异议未答复；全部答复且无成立异议后继续。',
          en: 'The period has ended with objections unanswered; once all are dismissed the case moves on.',
        },
      } satisfies StateMeta,
      always: { guard: 'noPendingObjections' as const, target: options.next },
    },
  },
});
