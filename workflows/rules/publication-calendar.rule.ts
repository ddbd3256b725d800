import type { Label } from '../core/label.js';
import { PERIODIC_MATTERS, PUBLICATION_MATTERS, type FinanceCadence, type PublicationMatter, type PublicationMatterName } from './publication-matters.js';
import { DAY_MS, chinaDay, chinaDayStart, nextPeriod, periodContaining, type Period, type PeriodKind } from './publication-periods.js';

/**
 * The village publication calendar (村务公开, art. 30): for each periodic matter, every period from
 * the one the village's tracking starts in up to the current one, with what is due, published
 * and overdue at `now`. Pure: `now` is a parameter.
 *
 * A periodic matter's publication for period P is due by the end of P plus `graceDays` (the days
 * after a quarter or month in which its report is customarily put up; 0 = within the period).
 * `dueBy` is the first instant after that deadline: a publication recorded before it is on time.
 */
export interface CalendarSettings {
  readonly financeCadence: FinanceCadence;
  /** Days after a period's end by which its publication is due (0–31). */
  readonly graceDays: number;
  /** China calendar day tracking starts on: periods from the one containing it are listed. */
  readonly trackedFrom: string;
}

export interface PublicationFact {
  readonly matter: string;
  /** The period key it reports on, or null (at-once matters). */
  readonly period: string | null;
  readonly publishedAt: string;
}

export type PeriodStatus = 'open' | 'due' | 'overdue' | 'published' | 'published_late';

export interface CalendarPeriod {
  readonly matter: PublicationMatterName;
  readonly period: string;
  readonly kind: PeriodKind;
  readonly startsAt: string;
  readonly endsAt: string;
  /** First instant after the deadline (UTC). */
  readonly dueBy: string;
  /** The last China calendar day a publication is on time. */
  readonly lastDay: string;
  /**
   * - `open`: the period is running, nothing published yet;
   * - `due`: the period is over, the deadline not yet passed;
   * - `overdue`: the deadline passed with nothing published;
   * - `published` / `published_late`: the first publication came before / after the deadline.
   */
  readonly status: PeriodStatus;
  readonly firstPublishedAt: string | null;
  readonly publications: number;
}

export interface MatterCalendar {
  readonly matter: PublicationMatterName;
  readonly label: Label;
  readonly basis: Label;
  readonly periodKind: PeriodKind;
  /** Tracked periods, newest first. */
  readonly periods: readonly CalendarPeriod[];
  /** The earliest period not yet published whose deadline has not passed (the current one, or the next). */
  readonly nextDue: CalendarPeriod;
}

export interface PublicationCalendar {
  readonly now: string;
  readonly matters: readonly MatterCalendar[];
  /** Every overdue period, oldest deadline first. */
  readonly overdue: readonly CalendarPeriod[];
}

export const DEFAULT_GRACE_DAYS = 10;
export const MAX_GRACE_DAYS = 31;

export const periodKindOf = (matter: PublicationMatterName, financeCadence: FinanceCadence): PeriodKind =>
  (PUBLICATION_MATTERS[matter] as PublicationMatter).monthlyWhenFrequent && financeCadence === 'monthly' ? 'month' : 'quarter';

const evaluate = (matter: PublicationMatterName, period: Period, graceDays: number, facts: readonly PublicationFact[], now: string): CalendarPeriod => {
  const dueByMs = Date.parse(period.endsAt) + graceDays * DAY_MS;
  const dueBy = new Date(dueByMs).toISOString();
  const times = facts.filter((f) => f.matter === matter && f.period === period.key).map((f) => f.publishedAt).sort();
  const first = times[0] ?? null;
  // ISO 8601 UTC strings of one format compare as the instants they name
  const status: PeriodStatus =
    first !== null ? (first < dueBy ? 'published' : 'published_late') : now < period.endsAt ? 'open' : now < dueBy ? 'due' : 'overdue';
  return {
    matter,
    period: period.key,
    kind: period.kind,
    startsAt: period.startsAt,
    endsAt: period.endsAt,
    dueBy,
    lastDay: chinaDay(dueByMs - 1),
    status,
    firstPublishedAt: first,
    publications: times.length,
  };
};

export const computePublicationCalendar = (args: { settings: CalendarSettings; publications: readonly PublicationFact[]; now: string }): PublicationCalendar => {
  const { settings, publications, now } = args;
  const start = chinaDayStart(settings.trackedFrom);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(now)) throw new RangeError(`now ${now} is not an ISO 8601 UTC instant with milliseconds`);
  if (start === null) throw new RangeError(`trackedFrom ${settings.trackedFrom} is not a calendar day (YYYY-MM-DD)`);
  if (!Number.isInteger(settings.graceDays) || settings.graceDays < 0 || settings.graceDays > MAX_GRACE_DAYS) throw new RangeError(`graceDays must be 0–${MAX_GRACE_DAYS}`);
  const matters = PERIODIC_MATTERS.map((matter): MatterCalendar => {
    const kind = periodKindOf(matter, settings.financeCadence);
    const periods: CalendarPeriod[] = [];
    let period = periodContaining(kind, start);
    while (period.startsAt <= now) {
      periods.push(evaluate(matter, period, settings.graceDays, publications, now));
      period = nextPeriod(period);
    }
    // the next one owed: the oldest unpublished period still before its deadline, else the first future one
    let nextDue = periods.find((p) => p.status === 'open' || p.status === 'due');
    while (!nextDue) {
      const candidate = evaluate(matter, period, settings.graceDays, publications, now);
      if (candidate.status === 'open') nextDue = candidate;
      period = nextPeriod(period);
    }
    const decl = PUBLICATION_MATTERS[matter];
    return { matter, label: decl.label, basis: decl.basis, periodKind: kind, periods: periods.reverse(), nextDue };
  });
  const overdue = matters
    .flatMap((m) => m.periods.filter((p) => p.status === 'overdue'))
    .sort((a, b) => (a.dueBy < b.dueBy ? -1 : a.dueBy > b.dueBy ? 1 : a.matter < b.matter ? -1 : 1));
  return { now, matters, overdue };
};
