import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { Task } from '../../../shared/task';
import { useApi } from '../../lib/api-context';
import { useLiveEvents } from '../../lib/live-events';
import type { ApiClient } from '../../lib/api-client';
import { QUERY_KEYS } from '../../lib/query';
import {
  appendPage,
  applyTaskChange,
  completesOutOfView,
  createVersionGate,
  replaceInPlace,
  type LoadedTasks,
} from './apply-task-change';
import { plainFailure } from '../../lib/error-message';
import { matchesFilters, narrowsList, toListQuery, type TaskFilters } from './task-filters';
import { HIGHLIGHT_MS } from './use-changed-rows';

/** As long as the row's "Completed by ..." highlight, so both end together. */
export const COMPLETED_LINGER_MS = HIGHLIGHT_MS;

export interface TaskListState extends LoadedTasks {
  /** The first page is being fetched (filters changed, or the stream reconnected). */
  loading: boolean;
  loadingMore: boolean;
  error: string | undefined;
  /** Whether the person has any task at all, whatever the filters; undefined until known. */
  anyTasks: boolean | undefined;
}

type SetTaskListState = Dispatch<SetStateAction<TaskListState>>;

const INITIAL: TaskListState = {
  tasks: [],
  nextCursor: null,
  loading: true,
  loadingMore: false,
  error: undefined,
  anyTasks: undefined,
};

/** One fetch at a time; changes that arrive meanwhile are replayed onto its answer, which may predate them. */
interface Flight {
  id: number;
  changes: Task[];
}

const replay = (loaded: LoadedTasks, changes: Task[], filters: TaskFilters) =>
  changes.reduce((list, task) => applyTaskChange(list, task, filters), loaded);

/** An empty filtered page does not say whether there are tasks at all; one cheap look does. */
async function hasAnyTasks(api: ApiClient, filters: TaskFilters, page: LoadedTasks): Promise<boolean> {
  if (page.tasks.length > 0) return true;
  if (!narrowsList(filters)) return false;
  return (await api.listTasks({ status: 'all', limit: 1 })).tasks.length > 0;
}

/**
 * Deleting a task may have deleted the last one. Once the list is empty after
 * a deletion, whether any task remains is asked again, so "No tasks yet"
 * replaces "No tasks match". An answer is dropped if a task was added or
 * restored while it was on its way (that already made anyTasks true).
 */
function useAnyTasksRecheck(api: ApiClient, state: TaskListState, setState: SetTaskListState) {
  const [deletions, setDeletions] = useState(0);
  const additions = useRef(0);
  const listEmpty = state.tasks.length === 0 && state.nextCursor === null && !state.loading;
  const recheck = useQuery({
    queryKey: [...QUERY_KEYS.anyTasks, deletions],
    queryFn: async () => {
      const before = additions.current;
      const answer = await api.listTasks({ status: 'all', limit: 1 });
      return additions.current === before ? answer.tasks.length > 0 : null;
    },
    enabled: deletions > 0 && listEmpty,
  });
  const remaining = recheck.data;
  useEffect(() => {
    if (remaining === undefined || remaining === null) return;
    setState((previous) => ({ ...previous, anyTasks: previous.tasks.length > 0 || remaining }));
  }, [remaining, setState]);
  return useCallback((task: Task) => {
    if (task.deleted_at === null) additions.current += 1;
    else setDeletions((value) => value + 1);
  }, []);
}

/**
 * The task list for `filters`: the first page on every filter change and
 * every (re)connection of the live stream, further pages on request, and
 * live changes placed in the loaded rows without a refetch.
 */
export function useTaskList(filters: TaskFilters) {
  const api = useApi();
  const { generation } = useLiveEvents();
  const [state, setState] = useState<TaskListState>(INITIAL);
  const latest = useRef({ state, filters });
  const lingering = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const timers = lingering.current;
    return () => {
      for (const timer of timers.values()) clearTimeout(timer);
    };
  }, []);
  latest.current = { state, filters };
  const flight = useRef<Flight | undefined>(undefined);
  const nextFlightId = useRef(0);
  const [attempt, setAttempt] = useState(0);
  const [gate] = useState(createVersionGate);
  const noteForAnyTasks = useAnyTasksRecheck(api, state, setState);

  const startFlight = useCallback((): Flight => {
    flight.current = { id: ++nextFlightId.current, changes: [] };
    return flight.current;
  }, []);
  const land = useCallback((started: Flight) => {
    if (flight.current?.id !== started.id) return false;
    flight.current = undefined;
    return true;
  }, []);

  const filtersKey = JSON.stringify(filters);
  useEffect(() => {
    const started = startFlight();
    const current = latest.current.filters;
    setState((previous) => ({ ...previous, loading: true, error: undefined }));
    void (async () => {
      try {
        const answer = await api.listTasks(toListQuery(current));
        const page = { tasks: answer.tasks, nextCursor: answer.next_cursor };
        const anyTasks = await hasAnyTasks(api, current, page);
        if (!land(started)) return;
        setState({
          ...replay(page, started.changes, current),
          loading: false,
          loadingMore: false,
          error: undefined,
          anyTasks,
        });
      } catch (error) {
        if (land(started)) {
          setState((previous) => ({ ...previous, loading: false, loadingMore: false, error: plainFailure(error) }));
        }
      }
    })();
  }, [api, filtersKey, generation, attempt, startFlight, land]);

  const loadMore = useCallback(() => {
    const { state: shown, filters: current } = latest.current;
    if (shown.nextCursor === null || flight.current || shown.loading) return;
    const started = startFlight();
    setState((previous) => ({ ...previous, loadingMore: true }));
    api.listTasks(toListQuery(current, shown.nextCursor)).then(
      (answer) => {
        if (!land(started)) return;
        const page = { tasks: answer.tasks, nextCursor: answer.next_cursor };
        setState((previous) => ({
          ...previous,
          ...replay(appendPage(previous, page), started.changes, current),
          loadingMore: false,
        }));
      },
      (error: unknown) => {
        if (land(started)) setState((previous) => ({ ...previous, loadingMore: false, error: plainFailure(error) }));
      },
    );
  }, [api, startFlight, land]);

  /** Places a task as it now is (from a live event or an API answer), unless something newer was seen. */
  const applyChange = useCallback(
    (task: Task) => {
      if (!gate.admit(task)) return;
      flight.current?.changes.push(task);
      const { state: shown, filters: current } = latest.current;
      if (!task.completed && lingering.current.has(task.id)) {
        // Reopened while it was about to leave: it stays, and a later completion lingers afresh.
        clearTimeout(lingering.current.get(task.id));
        lingering.current.delete(task.id);
      }
      // The same completion may arrive twice (the API's answer and the live event): it keeps lingering.
      const stillLeaving = lingering.current.has(task.id) && task.completed && !matchesFilters(task, current);
      if (stillLeaving || completesOutOfView(shown, task, current)) {
        // Shown completed for a moment ("Completed by ..."), then placed as the filters say.
        setState((previous) => ({ ...previous, ...replaceInPlace(previous, task) }));
        if (!lingering.current.has(task.id)) {
          lingering.current.set(
            task.id,
            setTimeout(() => {
              lingering.current.delete(task.id);
              // Placed as the row now is: a newer version may have replaced it meanwhile.
              setState((previous) => {
                const now = previous.tasks.find((row) => row.id === task.id);
                return now ? { ...previous, ...applyTaskChange(previous, now, latest.current.filters) } : previous;
              });
            }, COMPLETED_LINGER_MS),
          );
        }
        return;
      }
      setState((previous) => ({
        ...previous,
        ...applyTaskChange(previous, task, latest.current.filters),
        anyTasks: task.deleted_at === null ? true : previous.anyTasks,
      }));
      noteForAnyTasks(task);
    },
    [gate, noteForAnyTasks],
  );

  const retry = useCallback(() => setAttempt((value) => value + 1), []);

  return { ...state, loadMore, applyChange, retry };
}
