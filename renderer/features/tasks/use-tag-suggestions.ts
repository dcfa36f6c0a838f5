import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { LIMITS } from '../../../shared/limits';
import type { Task } from '../../../shared/task';
import { useApi } from '../../lib/api-context';
import { QUERY_KEYS } from '../../lib/query';

const NONE: readonly string[] = [];

/**
 * Tags already in use, for the tag box to offer: those on the tasks loaded in
 * the list, and on the most recent tasks of any status (the API has no list
 * of tags, so one page of recent tasks stands in for it).
 */
export function useTagSuggestions(loaded: readonly (Task | undefined)[], editing: boolean): readonly string[] {
  const api = useApi();
  const recent = useQuery({
    queryKey: QUERY_KEYS.taskTags,
    queryFn: async () => (await api.listTasks({ status: 'all', limit: LIMITS.pageSizeMax })).tasks,
    enabled: editing,
  });
  // Only while the editor is open: in a burst the loaded list changes every frame, and no one is typing a tag.
  return useMemo(() => {
    if (!editing) return NONE;
    const tags = new Set<string>();
    for (const task of [...loaded, ...(recent.data ?? [])]) for (const tag of task?.tags ?? []) tags.add(tag);
    return [...tags].sort();
  }, [loaded, recent.data, editing]);
}
