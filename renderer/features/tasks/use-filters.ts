import { useCallback, useMemo, useState } from 'react';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { DEFAULT_FILTERS, type TaskFilters } from './task-filters';

const TYPING_DEBOUNCE_MS = 200;

/** The filters as chosen (`draft`) and as sent (`filters`): typing is debounced, choices from lists apply at once. */
export function useFilters() {
  const [draft, setDraft] = useState<TaskFilters>(DEFAULT_FILTERS);
  const query = useDebouncedValue(draft.query, TYPING_DEBOUNCE_MS);
  const tag = useDebouncedValue(draft.tag, TYPING_DEBOUNCE_MS);
  const { status, priority, sort, project } = draft;
  const filters = useMemo(
    () => ({ status, priority, sort, project, query, tag }),
    [status, priority, sort, project, query, tag],
  );
  const change = useCallback((next: Partial<TaskFilters>) => setDraft((previous) => ({ ...previous, ...next })), []);
  // Clearing shows every task: the default Open filter is itself what hides completed ones.
  const clear = useCallback(
    () =>
      setDraft((previous) => ({ ...DEFAULT_FILTERS, status: 'all', sort: previous.sort, project: previous.project })),
    [],
  );
  return { draft, filters, change, clear };
}
