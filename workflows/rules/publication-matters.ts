import type { Label } from '../core/label.js';
import type { NoticeKind } from '../core/procedure.js';

/**
 * The matters a village committee must publish (村务公开), after the Organic Law of Villagers'
 * Committees art. 30: the five listed matters (para. 1), finances, and the cadence of para. 2 —
 * ordinary matters at least quarterly, finances monthly where collective transactions are many,
 * major matters affecting villagers at once. See docs/publications.md for which parts are the
 * law's text (quoted from memory, to be checked against the official text) and which are ours.
 */
export type PublicationCadence = 'periodic' | 'at_once';

export interface PublicationMatter {
  readonly label: Label;
  readonly basis: Label;
  readonly cadence: PublicationCadence;
  /** Periodic matters: monthly where the village's finances are set so (art. 30 para. 2), else quarterly. */
  readonly monthlyWhenFrequent?: boolean;
  /** At-once matters: the notice kinds the case engine publishes that satisfy them. */
  readonly satisfiedByNotices?: readonly NoticeKind[];
}

export const PUBLICATION_MATTERS = {
  finances: {
    label: { zh: '财务收支情况', en: 'Collective finances (income and expenditure)' },
    basis: { zh: '村民委员会组织法第三十条第二款：集体财务往来较多的，财务收支情况应当每月公布一次', en: 'Art. 30 para. 2: monthly where collective transactions are many, otherwise at least quarterly' },
    cadence: 'periodic',
    monthlyWhenFrequent: true,
  },
  assembly_decisions: {
    label: { zh: '村民会议、村民代表会议讨论决定的事项及其实施情况', en: "Matters decided by the villagers' assembly or representative meeting, and their implementation" },
    basis: { zh: '第三十条第一款第（一）项；涉及村民利益的重大事项随时公布（第二款）', en: 'Art. 30 para. 1 item 1; major matters published at once (para. 2)' },
    cadence: 'at_once',
    satisfiedByNotices: ['resolution', 'implementation_result'],
  },
  family_planning: {
    label: { zh: '国家计划生育政策的落实方案', en: 'Implementation of the national family-planning policy' },
    basis: { zh: '第三十条第一款第（二）项', en: 'Art. 30 para. 1 item 2' },
    cadence: 'periodic',
  },
  relief_and_subsidies: {
    label: { zh: '政府拨付和接受社会捐赠的救灾救助、补贴补助等资金、物资的管理使用情况', en: 'Relief, aid and subsidy funds and goods from government and donations: management and use' },
    basis: { zh: '第三十条第一款第（三）项', en: 'Art. 30 para. 1 item 3' },
    cadence: 'periodic',
  },
  government_assistance: {
    label: { zh: '村民委员会协助人民政府开展工作的情况', en: "The committee's work assisting the people's government" },
    basis: { zh: '第三十条第一款第（四）项', en: 'Art. 30 para. 1 item 4' },
    cadence: 'periodic',
  },
  other_concerns: {
    label: { zh: '涉及本村村民利益、村民普遍关心的其他事项', en: "Other matters affecting villagers' interests that villagers generally care about" },
    basis: { zh: '第三十条第一款第（五）项', en: 'Art. 30 para. 1 item 5' },
    cadence: 'periodic',
  },
  major_matters: {
    label: { zh: '涉及村民利益的重大事项', en: "Major matters affecting villagers' interests" },
    basis: { zh: '第三十条第二款：涉及村民利益的重大事项应当随时公布', en: 'Art. 30 para. 2: published at once' },
    cadence: 'at_once',
    satisfiedByNotices: ['consultation_outcome'],
  },
} as const satisfies Record<string, PublicationMatter>;

export type PublicationMatterName = keyof typeof PUBLICATION_MATTERS;
export const PUBLICATION_MATTER_NAMES = Object.keys(PUBLICATION_MATTERS) as PublicationMatterName[];
export const PERIODIC_MATTERS = PUBLICATION_MATTER_NAMES.filter((m) => PUBLICATION_MATTERS[m].cadence === 'periodic');
export const AT_ONCE_MATTERS = PUBLICATION_MATTER_NAMES.filter((m) => PUBLICATION_MATTERS[m].cadence === 'at_once');

export const isPublicationMatter = (value: unknown): value is PublicationMatterName =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(PUBLICATION_MATTERS, value);

/** How often a village publishes its finances (art. 30 para. 2); every other periodic matter is quarterly. */
export type FinanceCadence = 'quarterly' | 'monthly';

/** The matter an engine notice of this kind satisfies, if any. */
export const matterOfNotice = (kind: NoticeKind): PublicationMatterName | undefined =>
  AT_ONCE_MATTERS.find((m) => ((PUBLICATION_MATTERS[m] as PublicationMatter).satisfiedByNotices ?? []).includes(kind));
