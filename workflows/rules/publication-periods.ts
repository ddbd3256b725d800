/**
 * Calendar periods of village publication — quarters (`2026-Q3`) and months (`2026-10`) — in China
 * time. China Standard Time is UTC+08:00 all year (no daylight saving since 1991), so a period
 * starts at 00:00 Asia/Shanghai = 16:00 UTC the day before. Instants are ISO 8601 UTC strings;
 * pure arithmetic, no clock.
 */
export type PeriodKind = 'quarter' | 'month';

export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

export interface Period {
  readonly key: string;
  readonly kind: PeriodKind;
  /** First instant, UTC (00:00 China time on the first day). */
  readonly startsAt: string;
  /** First instant after the period, UTC (exclusive). */
  readonly endsAt: string;
  /** First and last calendar day, China time, `YYYY-MM-DD`. */
  readonly firstDay: string;
  readonly lastDay: string;
}

const QUARTER = /^(\d{4})-Q([1-4])$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 00:00 China time of a calendar day, as a UTC instant in ms (month is 0-based and may overflow). */
const chinaMidnight = (year: number, month0: number, day: number): number => Date.UTC(year, month0, day) - CHINA_OFFSET_MS;

/** The China calendar day (`YYYY-MM-DD`) an instant falls on. */
export const chinaDay = (ms: number): string => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);

const build = (kind: PeriodKind, year: number, month0: number): Period => {
  const months = kind === 'quarter' ? 3 : 1;
  const start = chinaMidnight(year, month0, 1);
  const end = chinaMidnight(year, month0 + months, 1);
  const key = kind === 'quarter' ? `${year}-Q${month0 / 3 + 1}` : `${year}-${pad(month0 + 1)}`;
  return { key, kind, startsAt: new Date(start).toISOString(), endsAt: new Date(end).toISOString(), firstDay: chinaDay(start), lastDay: chinaDay(end - 1) };
};

/** `2026-Q3` or `2026-10` → the period; anything else → null. Years 2000–2099. */
export const parsePeriod = (key: string): Period | null => {
  const q = QUARTER.exec(key);
  if (q) return Number(q[1]) >= 2000 && Number(q[1]) <= 2099 ? build('quarter', Number(q[1]), (Number(q[2]) - 1) * 3) : null;
  const m = MONTH.exec(key);
  if (m) return Number(m[1]) >= 2000 && Number(m[1]) <= 2099 ? build('month', Number(m[1]), Number(m[2]) - 1) : null;
  return null;
};

/** The period of a kind that contains an instant (read in China time). */
export const periodContaining = (kind: PeriodKind, iso: string): Period => {
  const local = new Date(Date.parse(iso) + CHINA_OFFSET_MS);
  const month0 = local.getUTCMonth();
  return build(kind, local.getUTCFullYear(), kind === 'quarter' ? month0 - (month0 % 3) : month0);
};

export const nextPeriod = (period: Period): Period => periodContaining(period.kind, period.endsAt);

/** A China calendar day `YYYY-MM-DD` → its 00:00 China time as a UTC instant (ISO); null when not a real day. */
export const chinaDayStart = (day: string): string | null => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(y, m - 1, d));
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== m - 1 || utc.getUTCDate() !== d) return null;
  return new Date(chinaMidnight(y, m - 1, d)).toISOString();
};
