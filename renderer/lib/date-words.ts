import { addDays, fromDateString, localDateString } from './dates';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEKDAY_ABBREVIATIONS: Partial<Record<string, number>> = {
  sun: 0,
  mon: 1,
  tue: 2,
  tues: 2,
  wed: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  fri: 5,
  sat: 6,
};
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

export interface DateWordOptions {
  /** "mon", "fri": fine in a date field, too easily a real word in a task's title ("sun"). */
  abbreviations: boolean;
}

function weekdayIndex(word: string, options: DateWordOptions): number | undefined {
  const full = WEEKDAYS.indexOf(word);
  if (full !== -1) return full;
  return options.abbreviations ? WEEKDAY_ABBREVIATIONS[word] : undefined;
}

/** The next such weekday after today (a week ahead when today is that day). */
function nextWeekday(today: string, day: number): string {
  const current = fromDateString(today).getDay();
  return addDays(today, ((day - current + 6) % 7) + 1);
}

/** "dec", "december" (and "sept"); undefined for anything else. */
function monthIndex(word: string): number | undefined {
  if (word.length < 3) return undefined;
  const index = MONTHS.findIndex(
    (month) => month === word || month.slice(0, 3) === word || (word === 'sept' && month === 'september'),
  );
  return index === -1 ? undefined : index;
}

/** "9 dec", "dec 9", "9 december 2027", "december 9 2027": the next such day when no year is given. */
function monthDay(words: string[], today: string): string | undefined {
  const [a = '', b = '', c] = words;
  const numberFirst = /^\d{1,2}$/.test(a);
  const day = Number(numberFirst ? a : b);
  const month = monthIndex(numberFirst ? b : a);
  if (month === undefined || !/^\d{1,2}$/.test(numberFirst ? a : b) || day < 1 || day > 31) return undefined;
  if (c !== undefined && !/^\d{4}$/.test(c)) return undefined;
  const year = c === undefined ? Number(today.slice(0, 4)) : Number(c);
  const date = new Date(2000, month, day, 12);
  date.setFullYear(year);
  if (date.getMonth() !== month) return undefined;
  const iso = localDateString(date);
  return c === undefined && iso < today ? monthDay([a, b, String(year + 1)], today) : iso;
}

/**
 * A due date from words a person types: "today", "tomorrow", a weekday (the
 * next one), "next friday", "next week", "in 3 days", "9 Dec", or YYYY-MM-DD.
 * Undefined when the words are not a date this understands.
 */
export function parseDateWords(text: string, today: string, options: DateWordOptions): string | undefined {
  const words = text.trim().toLowerCase().replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  const phrase = words.join(' ');
  if (/^\d{4}-\d{2}-\d{2}$/.test(phrase)) return phrase;
  if (phrase === 'today') return today;
  if (phrase === 'tomorrow' || phrase === 'tmr' || phrase === 'tmrw') return addDays(today, 1);
  if (phrase === 'next week') return addDays(today, 7);
  const within = /^in (\d{1,3}) (day|days|week|weeks)$/.exec(phrase);
  if (within) return addDays(today, Number(within[1]) * (within[2]?.startsWith('week') ? 7 : 1));
  const [first = '', second] = words;
  if (words.length === 1 || (words.length === 2 && first === 'next')) {
    const day = weekdayIndex(words.at(-1) ?? '', options);
    if (day !== undefined) return addDays(nextWeekday(today, day), words.length === 2 ? 7 : 0);
  }
  if (words.length === 2 || words.length === 3) return second === undefined ? undefined : monthDay(words, today);
  return undefined;
}
