import type { Priority } from '../../../shared/limits';
import { foldForSearch } from '../../../shared/text-rules';
import { parseDateWords } from '../../lib/date-words';

/** What the Add box understands besides the title; written in its help text. */
export const QUICK_ADD_HELP =
  'Quick add: #tag, !high, !medium or !low, and a due date such as today, tomorrow, friday or 9 Dec.';

const PRIORITY_WORDS: Partial<Record<string, Priority>> = {
  '!high': 'high',
  '!h': 'high',
  '!medium': 'medium',
  '!med': 'medium',
  '!m': 'medium',
  '!low': 'low',
  '!l': 'low',
  '!none': 'none',
};
// Said before a date ("call mum on friday"); dropped with it.
const DATE_LEADS = new Set(['on', 'by', 'due']);
const LONGEST_DATE_PHRASE = 3;

export interface QuickAdd {
  title: string;
  tags: string[];
  priority?: Priority;
  due_date?: string;
}

/** The longest date phrase starting at `index`, as [date, words taken]. */
function dateAt(words: string[], index: number, today: string): [string, number] | undefined {
  for (let size = LONGEST_DATE_PHRASE; size >= 1; size--) {
    if (index + size > words.length) continue;
    const date = parseDateWords(words.slice(index, index + size).join(' '), today, { abbreviations: false });
    if (date) return [date, size];
  }
  return undefined;
}

/**
 * Splits what was typed in the Add box into the title and the rest:
 * "#tag" adds a tag (case duplicates merge), "!high" sets the priority,
 * date words set the due date (the last one wins). Everything else is the title.
 */
export function parseQuickAdd(text: string, today: string): QuickAdd {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const title: string[] = [];
  const tags: string[] = [];
  const result: QuickAdd = { title: '', tags };
  for (let index = 0; index < words.length; index++) {
    const word = words[index] ?? '';
    const priority = PRIORITY_WORDS[word.toLowerCase()];
    if (priority) {
      result.priority = priority;
      continue;
    }
    if (word.length > 1 && word.startsWith('#')) {
      const tag = foldForSearch(word.slice(1));
      if (!tags.includes(tag)) tags.push(tag);
      continue;
    }
    const lead = DATE_LEADS.has(word.toLowerCase()) ? 1 : 0;
    const date = dateAt(words, index + lead, today);
    if (date) {
      result.due_date = date[0];
      index += lead + date[1] - 1;
      continue;
    }
    title.push(word);
  }
  result.title = title.join(' ');
  return result;
}
