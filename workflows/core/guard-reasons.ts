import type { Label } from './label.js';

/**
 * Why a guard refuses an event, in words a clerk understands. Every guard a machine names has an
 * entry here (a test checks it), so a refusal always says which rule stopped it.
 */
export const GUARD_REASONS: Readonly<Record<string, Label>> = {
  hasFindings: {
    zh: '至少记录一条调研发现后才能进入协商。',
    en: 'Record at least one research finding before consultation.',
  },
  hasOpinions: {
    zh: '至少征集一条意见后才能进入协商议事。',
    en: 'Collect at least one opinion before deliberation.',
  },
  meetingPassed: {
    zh: '会议未依法通过该事项。',
    en: 'The meeting did not pass the motion under the rule.',
  },
  meetingOfStep: {
    zh: '该会议不是当前步骤所要求的会议类型。',
    en: 'That meeting is not of the body this step requires.',
  },
  isPendingObjection: {
    zh: '该异议不存在或已经答复。',
    en: 'That objection does not exist or has already been answered.',
  },
  noPendingObjections: {
    zh: '仍有未答复的异议。',
    en: 'Some objections are still unanswered.',
  },
  canEscalate: {
    zh: '已在街道层级，不能再向上提级。',
    en: 'The case is already at sub-district level and cannot be escalated further.',
  },
  meetsThreshold: {
    zh: '满意度未达到设定的标准。',
    en: 'Satisfaction is below the configured threshold.',
  },
};

export const UNKNOWN_GUARD_REASON: Label = {
  zh: '当前条件不允许此操作。',
  en: 'The current conditions do not allow this step.',
};

/** Short labels for guards on diagrams and in the API's transition list. */
export const GUARD_LABELS: Readonly<Record<string, Label>> = {
  hasFindings: { zh: '已有调研发现', en: 'has findings' },
  hasOpinions: { zh: '已有意见', en: 'has opinions' },
  meetingPassed: { zh: '依法通过', en: 'passed' },
  meetingOfStep: { zh: '未通过', en: 'not passed' },
  isPendingObjection: { zh: '待答复异议', en: 'pending objection' },
  noPendingObjections: { zh: '无未答复异议', en: 'no objection pending' },
  canEscalate: { zh: '未到街道层级', en: 'below sub-district' },
  meetsThreshold: { zh: '满意率达标', en: 'at or above threshold' },
};
