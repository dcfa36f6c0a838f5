import { useEffect, useState } from 'react';

const pad = (value: number) => String(value).padStart(2, '0');

/** The person's own calendar date as YYYY-MM-DD; toISOString would give the UTC date instead. */
export function localDateString(date: Date): string {
  return `${String(date.getFullYear()).padStart(4, '0')}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A YYYY-MM-DD date as a local Date at noon (noon, so a daylight-saving shift never changes the day). */
export function fromDateString(iso: string): Date {
  const [year = 1970, month = 1, day = 1] = iso.split('-').map(Number);
  const date = new Date(2000, month - 1, day, 12);
  date.setFullYear(year);
  return date;
}

export function addDays(iso: string, days: number): string {
  const date = fromDateString(iso);
  date.setDate(date.getDate() + days);
  return localDateString(date);
}

export const daysBetween = (from: string, to: string): number =>
  Math.round((fromDateString(to).getTime() - fromDateString(from).getTime()) / 86_400_000);

/** Today's local date, which moves on at midnight so labels stay true in a window left open overnight. */
export function useToday(): string {
  const [today, setToday] = useState(() => localDateString(new Date()));
  useEffect(() => {
    const now = new Date();
    const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
    const timer = setTimeout(() => setToday(localDateString(new Date())), midnight.getTime() - now.getTime() + 1000);
    return () => clearTimeout(timer);
  }, [today]);
  return today;
}

// Formatters are built once: toLocaleDateString builds one per call, and a list scrolling into
// new rows spent half a second of a wheel scroll doing that (profiled on 10,000 tasks).
const FORMATS = {
  long: new Intl.DateTimeFormat(undefined, { weekday: 'long' }),
  short: new Intl.DateTimeFormat(undefined, { weekday: 'short' }),
  dayMonth: new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' }),
  dayMonthYear: new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' }),
  full: new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
};

const weekday = (iso: string, style: 'long' | 'short') => FORMATS[style].format(fromDateString(iso));

/**
 * A due date as a person says it: "Today", "Tomorrow", "Yesterday", the
 * weekday within the coming week, else the date ("9 Dec", with the year when
 * it is not this year's).
 */
export function relativeDay(iso: string, today: string): string {
  const days = daysBetween(today, iso);
  if (days === 0) return 'Today';
  if (days === 1) return 'Tomorrow';
  if (days === -1) return 'Yesterday';
  if (days > 1 && days < 7) return weekday(iso, 'long');
  const sameYear = iso.slice(0, 4) === today.slice(0, 4);
  return (sameYear ? FORMATS.dayMonth : FORMATS.dayMonthYear).format(fromDateString(iso));
}

/** The full date, for a title attribute or a hint: "Tuesday, 9 December 2026". */
export const longDate = (iso: string): string => FORMATS.full.format(fromDateString(iso));
