import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TaskDetail, TaskEvent } from '../../../shared/task';
import { useApi } from '../../lib/api-context';
import { plainFailure } from '../../lib/error-message';
import { useLiveEvent } from '../../lib/live-events';
import { refetchAfterChange } from '../../lib/query';

/** Newest first, each event once: a refetched first page may overlap the older pages already read. */
function mergeHistory(first: readonly TaskEvent[], older: readonly TaskEvent[]): TaskEvent[] {
  const bySeq = new Map([...older, ...first].map((event) => [event.seq, event]));
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq);
}

/**
 * A task's surroundings for the edit panel: claim, blockers, notes and
 * history. Every live change to the task (an agent's claim, note or edit)
 * refetches it; older history pages are read on request.
 */
export function useTaskDetail(taskId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const queryKey = ['tasks', 'detail', taskId];
  // Read afresh whenever the panel opens: changes made while it was closed reached no listener.
  const query = useQuery({
    queryKey,
    queryFn: () => api.taskDetail(taskId),
    refetchOnMount: 'always',
  });
  const [older, setOlder] = useState<{ events: TaskEvent[]; cursor: string | null }>();
  const [olderError, setOlderError] = useState<string>();

  useLiveEvent((event) => {
    if (event.name === 'task' && event.data.task.id === taskId) void refetchAfterChange(queryClient, queryKey);
  });

  const detail: TaskDetail | undefined = query.data;
  const cursor = older ? older.cursor : (detail?.history_cursor ?? null);

  async function loadOlder() {
    if (cursor === null) return;
    try {
      const page = await api.taskDetail(taskId, cursor);
      setOlder((current) => ({ events: [...(current?.events ?? []), ...page.history], cursor: page.history_cursor }));
      setOlderError(undefined);
    } catch (reason) {
      setOlderError(plainFailure(reason));
    }
  }

  return {
    detail,
    history: detail ? mergeHistory(detail.history, older?.events ?? []) : [],
    hasOlder: cursor !== null,
    loadOlder,
    olderError,
    error: query.error ? plainFailure(query.error) : undefined,
    refetch: () => void refetchAfterChange(queryClient, queryKey),
  };
}
