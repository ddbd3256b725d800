import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePublicationCalendar, type CalendarSettings, type PublicationFact } from './publication-calendar.rule.js';
import { PERIODIC_MATTERS, matterOfNotice } from './publication-matters.js';

const settings = (overrides: Partial<CalendarSettings> = {}): CalendarSettings => ({ financeCadence: 'quarterly', graceDays: 10, trackedFrom: '2026-07-01', ...overrides });
const fact = (matter: string, period: string, publishedAt: string): PublicationFact => ({ matter, period, publishedAt });

/** One matter's period, from a calendar computed at `now`. */
const periodAt = (now: string, matter: string, period: string, opts: { s?: Partial<CalendarSettings>; facts?: PublicationFact[] } = {}) => {
  const sut = computePublicationCalendar({ settings: settings(opts.s), publications: opts.facts ?? [], now });
  return sut.matters.find((m) => m.matter === matter)?.periods.find((p) => p.period === period);
};

describe(computePublicationCalendar.name, () => {
  // Q3 2026 ends at 2026-10-01 00:00 China time = 2026-09-30T16:00Z; ten days' grace: due by 2026-10-11 00:00 China time
  it.each([
    ['2026-09-30T15:59:59.999Z', 'open', 'the last millisecond of 30 September, China time: Q3 still running'],
    ['2026-09-30T16:00:00.000Z', 'due', '1 October 00:00 China time (still 30 September in UTC): Q3 is over, within the grace days'],
    ['2026-10-10T15:59:59.999Z', 'due', 'the last millisecond of 10 October, China time: the last grace day'],
    ['2026-10-10T16:00:00.000Z', 'overdue', '11 October 00:00 China time: overdue'],
  ])('at %s Q3 is %s (%s)', (now, status) => {
    expect(periodAt(now, 'other_concerns', '2026-Q3')).toMatchObject({ status, dueBy: '2026-10-10T16:00:00.000Z', lastDay: '2026-10-10' });
  });

  it.each([
    ['2026-10-10T15:59:59.999Z', 'published'],
    ['2026-10-10T16:00:00.000Z', 'published_late'],
  ])('a Q3 publication at %s is %s', (publishedAt, status) => {
    expect(periodAt('2026-12-01T00:00:00.000Z', 'other_concerns', '2026-Q3', { facts: [fact('other_concerns', '2026-Q3', publishedAt)] })).toMatchObject({ status, firstPublishedAt: publishedAt, publications: 1 });
  });

  it('with no grace days a period is due by its own last day: overdue at 00:00 China time of the next', () => {
    const s = { graceDays: 0 };
    expect(periodAt('2026-09-30T15:59:59.999Z', 'other_concerns', '2026-Q3', { s })).toMatchObject({ status: 'open', lastDay: '2026-09-30', dueBy: '2026-09-30T16:00:00.000Z' });
    expect(periodAt('2026-09-30T16:00:00.000Z', 'other_concerns', '2026-Q3', { s })?.status).toBe('overdue');
    expect(periodAt('2026-10-01T00:00:00.000Z', 'other_concerns', '2026-Q3', { s, facts: [fact('other_concerns', '2026-Q3', '2026-09-30T15:59:59.999Z')] })?.status).toBe('published');
  });

  it('publishes finances monthly where the village is set so, every other matter quarterly', () => {
    const sut = computePublicationCalendar({ settings: settings({ financeCadence: 'monthly' }), publications: [], now: '2026-10-31T16:00:00.000Z' });
    const finances = sut.matters.find((m) => m.matter === 'finances');
    expect(finances?.periodKind).toBe('month');
    // 1 November 00:00 China time: July … November tracked, newest first
    expect(finances?.periods.map((p) => [p.period, p.status])).toEqual([
      ['2026-11', 'open'],
      ['2026-10', 'due'],
      ['2026-09', 'overdue'],
      ['2026-08', 'overdue'],
      ['2026-07', 'overdue'],
    ]);
    expect(sut.matters.find((m) => m.matter === 'other_concerns')?.periods.map((p) => p.period)).toEqual(['2026-Q4', '2026-Q3']);
    // October's finances are the next owed (due by 10 November); the overdue list runs oldest first
    expect(finances?.nextDue).toMatchObject({ period: '2026-10', dueBy: '2026-11-10T16:00:00.000Z' });
    expect(sut.overdue.filter((p) => p.matter === 'finances').map((p) => p.period)).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(sut.overdue.filter((p) => p.matter !== 'finances').map((p) => p.period)).toEqual(PERIODIC_MATTERS.filter((m) => m !== 'finances').map(() => '2026-Q3'));
  });

  it('counts a publication only for its own matter and period', () => {
    const facts = [fact('finances', '2026-Q3', '2026-10-05T02:00:00.000Z'), fact('other_concerns', '2026-Q4', '2026-10-05T02:00:00.000Z')];
    expect(periodAt('2026-10-20T00:00:00.000Z', 'other_concerns', '2026-Q3', { facts })?.status).toBe('overdue');
    expect(periodAt('2026-10-20T00:00:00.000Z', 'finances', '2026-Q3', { facts })?.status).toBe('published');
    expect(periodAt('2026-10-20T00:00:00.000Z', 'other_concerns', '2026-Q4', { facts })?.status).toBe('published');
  });

  it('lists periods from the one tracking starts in; the next owed skips what is published', () => {
    const facts = [fact('family_planning', '2026-Q3', '2026-09-01T00:00:00.000Z')];
    const sut = computePublicationCalendar({ settings: settings({ trackedFrom: '2026-08-15' }), publications: facts, now: '2026-09-15T00:00:00.000Z' });
    const fp = sut.matters.find((m) => m.matter === 'family_planning');
    expect(fp?.periods.map((p) => [p.period, p.status])).toEqual([['2026-Q3', 'published']]);
    expect(fp?.nextDue).toMatchObject({ period: '2026-Q4', status: 'open', dueBy: '2027-01-10T16:00:00.000Z' });
    expect(sut.overdue).toEqual([]);
  });

  it('lists nothing before tracking starts, and names the first period owed', () => {
    const sut = computePublicationCalendar({ settings: settings({ trackedFrom: '2027-01-01' }), publications: [], now: '2026-10-20T00:00:00.000Z' });
    expect(sut.matters.every((m) => m.periods.length === 0)).toBe(true);
    expect(sut.matters[0]?.nextDue.period).toBe('2027-Q1');
  });

  it('refuses a bad clock reading or settings rather than guessing', () => {
    expect(() => computePublicationCalendar({ settings: settings(), publications: [], now: 'yesterday' })).toThrow(RangeError);
    expect(() => computePublicationCalendar({ settings: settings({ trackedFrom: '2026-02-30' }), publications: [], now: '2026-10-20T00:00:00.000Z' })).toThrow(RangeError);
    expect(() => computePublicationCalendar({ settings: settings({ graceDays: 32 }), publications: [], now: '2026-10-20T00:00:00.000Z' })).toThrow(RangeError);
  });
});

describe(matterOfNotice.name, () => {
  it('maps the two publications of 一报四议两公开 to the assembly decisions, a consultation outcome to the major matters', () => {
    expect(matterOfNotice('resolution')).toBe('assembly_decisions');
    expect(matterOfNotice('implementation_result')).toBe('assembly_decisions');
    expect(matterOfNotice('consultation_outcome')).toBe('major_matters');
  });
});

describe('publication calendar invariants', () => {
  const instant = (from: string, to: string) => fc.integer({ min: Date.parse(from), max: Date.parse(to) }).map((ms) => new Date(ms).toISOString());
  const publication = fc.record({
    matter: fc.constantFrom(...PERIODIC_MATTERS),
    period: fc.constantFrom('2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1', '2026-03', '2026-07', '2026-12', '2027-02'),
    publishedAt: instant('2026-01-01T00:00:00Z', '2027-12-31T00:00:00Z'),
  });

  it('lists contiguous periods from tracking start to now, flags exactly the unpublished ones past their deadline, and names a next due still owed', () => {
    fc.assert(
      fc.property(
        instant('2026-01-01T00:00:00Z', '2027-12-31T00:00:00Z'),
        fc.array(publication, { maxLength: 20 }),
        fc.constantFrom<'quarterly' | 'monthly'>('quarterly', 'monthly'),
        fc.integer({ min: 0, max: 31 }),
        (now, publications, financeCadence, graceDays) => {
          const sut = computePublicationCalendar({ settings: { financeCadence, graceDays, trackedFrom: '2026-01-01' }, publications, now });
          for (const m of sut.matters) {
            const oldestFirst = [...m.periods].reverse();
            expect(oldestFirst[0]?.startsAt).toBe('2025-12-31T16:00:00.000Z');
            oldestFirst.forEach((p, i) => i > 0 && expect(p.startsAt).toBe(oldestFirst[i - 1]?.endsAt));
            const current = m.periods[0];
            expect(current !== undefined && current.startsAt <= now && now < current.endsAt).toBe(true);
            for (const p of m.periods) {
              expect(p.status === 'overdue').toBe(p.publications === 0 && p.dueBy <= now);
              if (p.publications > 0) expect(p.status === 'published').toBe((p.firstPublishedAt as string) < p.dueBy);
            }
            expect(m.nextDue.publications).toBe(0);
            expect(m.nextDue.dueBy > now).toBe(true);
          }
          expect(sut.overdue).toEqual(
            expect.arrayContaining(sut.matters.flatMap((m) => m.periods.filter((p) => p.status === 'overdue'))),
          );
          expect(sut.overdue.length).toBe(sut.matters.flatMap((m) => m.periods.filter((p) => p.status === 'overdue')).length);
        },
      ),
    );
  });
});
