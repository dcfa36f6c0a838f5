import { describe, expect, it } from 'vitest';
import { parseQuickAdd } from './quick-add';

const TODAY = '2026-12-09';

describe('parseQuickAdd', () => {
  it('takes #tags (case duplicates merged), !priority and date words out of the title', () => {
    expect(parseQuickAdd('Call mum on friday #Family #family !high', TODAY)).toEqual({
      title: 'Call mum',
      tags: ['family'],
      priority: 'high',
      due_date: '2026-12-11',
    });
    expect(parseQuickAdd('Renew passport by 24 Dec !low', TODAY)).toEqual({
      title: 'Renew passport',
      tags: [],
      priority: 'low',
      due_date: '2026-12-24',
    });
  });

  it('leaves a title without quick-add words as it is, and words that only look alike', () => {
    expect(parseQuickAdd('Buy oat milk', TODAY)).toEqual({ title: 'Buy oat milk', tags: [] });
    expect(parseQuickAdd('Watch the sun set # !', TODAY)).toEqual({ title: 'Watch the sun set # !', tags: [] });
    expect(parseQuickAdd('Read issue #', TODAY).title).toBe('Read issue #');
  });
});
