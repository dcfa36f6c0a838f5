import { useCallback, useEffect, useRef, useState } from 'react';
import type { TaskPlacement } from '../../../shared/api';
import type { Task } from '../../../shared/task';
import { useApi } from '../../lib/api-context';
import { plainFailure } from '../../lib/error-message';
import { useLiveEvents } from '../../lib/live-events';
import {
  applyTaskChange,
  completesOutOfView,
  createVersionGate,
  placeWindow,
  replaceInPlace,
  type ChangeKind,
  type LoadedTasks,
} from './apply-task-change';
import { matchesFilters, toWindowQuery, WINDOW_SIZE, type TaskFilters } from './task-filters';
import { applyInPlace, foldRows, movesTree, recordPlacements, type Placements } from './tree-rows';
import { useAnyTasks } from './use-any-tasks';
import { HIGHLIGHT_MS } from './use-changed-rows';
import { useResync } from './use-resync';

/** As long as the row's "Completed by ..." highlight, so both end together. */
export const COMPLETED_LINGER_MS = HIGHLIGHT_MS;

// Rows fetched beyond the edges of the view, so a slow scroll rarely shows placeholders.
const MARGIN_ROWS = 150;
// An answer for a window whose rows moved meanwhile (live changes above it) is asked for again, this often at most.
const MAX_ATTEMPTS = 3;

const hasHole = (rows: readonly (Task | undefined)[], from: number, to: number) => {
  for (let index = from; index < to; index++) if (rows[index] === undefined) return true;
  return false;
};

/**
 * The task list for `filters`, by position: its length is the filtered total
 * the server counts, and the windows under the view are fetched as the view
 * moves (placeholders meanwhile). Live changes are placed in the loaded rows
 * without a refetch where the rows tell their place; where they cannot (the
 * neighbours are not loaded), what is on screen is asked for again. A list
 * holding subtasks is in tree order, without the `collapsed` tasks' subtrees;
 * where each row sits is in `placements`.
 */
export function useTaskList(filters: TaskFilters, collapsed: readonly string[] = []) {
  const api = useApi();
  const { generation, ready } = useLiveEvents();
  const readyRef = useRef(ready);
  readyRef.current = ready;
  const model = useRef<LoadedTasks>({ rows: [] });
  const [rows, setRows] = useState<readonly (Task | undefined)[]>([]);
  const [status, setStatus] = useState<{ loading: boolean; error?: string }>({ loading: true });
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const [gate] = useState(createVersionGate);
  // Bumped on every reset (filters, reconnection, retry, resync): answers to older requests are dropped.
  const epoch = useRef(0);
  // No answer yet since the last reset: the first one replaces the list.
  const fresh = useRef(true);
  // Bumped whenever a live change moves rows: an answer requested before it may sit one place off.
  const moves = useRef(0);
  const inFlight = useRef(new Set<number>());
  const attempts = useRef(new Map<number, number>());
  const forced = useRef(new Set<number>());
  const visible = useRef({ first: 0, last: 0 });
  // Changes since the last reset, replayed onto its first answer, which may predate them.
  const sinceReset = useRef<{ task: Task; kind: ChangeKind }[]>([]);
  const lingering = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const collapsedRef = useRef(collapsed);
  collapsedRef.current = collapsed;
  const placementsRef = useRef(new Map<string, TaskPlacement>());
  const [placements, setPlacements] = useState<Placements>(() => new Map());
  const [isNested, setNested] = useState(false);
  // Whether the server's latest answer was in tree order: changes are then placed by asking again.
  const nested = useRef(false);

  const publish = useCallback(() => setRows(model.current.rows), []);

  const ensureRef = useRef<() => void>(() => undefined);
  const ensure = useCallback(() => ensureRef.current(), []);
  const refetchInView = useCallback(() => {
    // What is on screen stays until its fresh answer replaces it; the rest is forgotten and fetched when seen.
    const { first, last } = visible.current;
    const from = Math.floor(Math.max(0, first - MARGIN_ROWS) / WINDOW_SIZE);
    const to = Math.floor((last + MARGIN_ROWS) / WINDOW_SIZE);
    const keepFrom = from * WINDOW_SIZE;
    const keepTo = (to + 1) * WINDOW_SIZE;
    model.current = {
      rows: model.current.rows.map((row, index) => (index >= keepFrom && index < keepTo ? row : undefined)),
    };
    epoch.current++;
    inFlight.current.clear();
    attempts.current.clear();
    for (let window = from; window <= to; window++) forced.current.add(window);
    publish();
    ensure();
  }, [publish, ensure]);
  const resync = useResync(refetchInView);

  const fetchWindow = useCallback(
    (window: number) => {
      const started = { epoch: epoch.current, moves: moves.current };
      inFlight.current.add(window);
      const query = toWindowQuery(filtersRef.current, window * WINDOW_SIZE, WINDOW_SIZE, collapsedRef.current);
      api.taskWindow(query).then(
        (answer) => {
          if (epoch.current !== started.epoch) return;
          inFlight.current.delete(window);
          const current = filtersRef.current;
          nested.current = answer.nested;
          setNested(answer.nested);
          if (recordPlacements(placementsRef.current, answer)) setPlacements(new Map(placementsRef.current));
          if (fresh.current) {
            const placed = placeWindow({ rows: [] }, answer.offset, answer.tasks, answer.total, gate, current) ?? {
              rows: Array.from({ length: answer.total }, () => undefined),
            };
            fresh.current = false;
            let replayed: LoadedTasks = placed;
            for (const { task, kind } of sinceReset.current) {
              if (movesTree(task, answer.nested, placementsRef.current)) {
                replayed = applyInPlace(replayed, task, current);
                resync.soon();
              } else {
                replayed = applyTaskChange(replayed, task, current, kind).loaded;
              }
            }
            sinceReset.current = [];
            model.current = replayed;
            setStatus({ loading: false });
          } else {
            const tries = (attempts.current.get(window) ?? 0) + 1;
            if (moves.current !== started.moves && tries < MAX_ATTEMPTS) {
              attempts.current.set(window, tries);
              // Forced: the stale rows stay on screen meanwhile, so no hole would ask for it again.
              forced.current.add(window);
              ensure();
              return;
            }
            attempts.current.delete(window);
            // A total unlike ours means changes were missed: only this window is known to be right.
            const base = answer.total === model.current.rows.length ? model.current : { rows: [] };
            const placed = placeWindow(base, answer.offset, answer.tasks, answer.total, gate, current);
            if (!placed || moves.current !== started.moves) resync.soon();
            if (placed) model.current = placed;
          }
          publish();
          ensure();
        },
        (error: unknown) => {
          if (epoch.current !== started.epoch) return;
          inFlight.current.delete(window);
          setStatus({ loading: false, error: plainFailure(error) });
        },
      );
    },
    [api, gate, publish, ensure, resync],
  );

  ensureRef.current = () => {
    if (!readyRef.current) return;
    const { first, last } = visible.current;
    const known = model.current.rows;
    const total = fresh.current ? undefined : known.length;
    const from = Math.floor(Math.max(0, first - MARGIN_ROWS) / WINDOW_SIZE);
    const to = Math.floor((last + MARGIN_ROWS) / WINDOW_SIZE);
    for (let window = from; window <= to; window++) {
      const start = window * WINDOW_SIZE;
      if (total !== undefined && start >= total) break;
      if (inFlight.current.has(window)) continue;
      const needed =
        total === undefined ||
        forced.current.has(window) ||
        hasHole(known, start, Math.min(total, start + WINDOW_SIZE));
      if (!needed) continue;
      forced.current.delete(window);
      fetchWindow(window);
    }
  };

  const filtersKey = JSON.stringify(filters);
  const [attempt, setAttempt] = useState(0);
  const shownFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    epoch.current++;
    fresh.current = true;
    inFlight.current.clear();
    attempts.current.clear();
    forced.current.clear();
    sinceReset.current = [];
    // A refetch after a reconnection keeps showing the list (or its empty state) until the answer replaces it.
    const refetch = shownFor.current === filtersKey;
    shownFor.current = filtersKey;
    setStatus((previous) => ({ loading: refetch ? previous.loading : true, error: undefined }));
    ensure();
  }, [filtersKey, generation, ready, attempt, ensure]);

  useEffect(() => {
    const timers = lingering.current;
    return () => {
      for (const timer of timers.values()) clearTimeout(timer);
    };
  }, []);

  /** The positions in view (or about to be): their windows are fetched if not loaded. */
  const showRange = useCallback(
    (first: number, last: number) => {
      if (visible.current.first === first && visible.current.last === last) return;
      visible.current = { first, last };
      ensure();
    },
    [ensure],
  );

  const place = useCallback(
    (task: Task, kind: ChangeKind) => {
      if (movesTree(task, nested.current, placementsRef.current)) {
        const shown = applyInPlace(model.current, task, filtersRef.current);
        if (shown !== model.current) {
          if (shown.rows.length !== model.current.rows.length) moves.current++;
          model.current = shown;
          publish();
        }
        resync.soon();
        return;
      }
      const placed = applyTaskChange(model.current, task, filtersRef.current, kind);
      if (placed.loaded !== model.current) {
        moves.current++;
        model.current = placed.loaded;
        publish();
      }
      if (!placed.certain) resync.soon();
    },
    [publish, resync],
  );

  const [deletions, setDeletions] = useState(0);

  /** Places a task as it now is (from a live event or an API answer), unless something newer was seen. */
  const applyChange = useCallback(
    (task: Task, kind: ChangeKind = 'other') => {
      if (!gate.admit(task)) return;
      if (task.deleted_at !== null) setDeletions((count) => count + 1);
      if (fresh.current) {
        sinceReset.current.push({ task, kind });
        return;
      }
      const current = filtersRef.current;
      if (!task.completed && lingering.current.has(task.id)) {
        // Reopened while it was about to leave: it stays, and a later completion lingers afresh.
        clearTimeout(lingering.current.get(task.id));
        lingering.current.delete(task.id);
      }
      // The same completion may arrive twice (the API's answer and the live event): it keeps lingering.
      const stillLeaving = lingering.current.has(task.id) && task.completed && !matchesFilters(task, current);
      if (stillLeaving || completesOutOfView(model.current, task, current)) {
        // Shown completed for a moment ("Completed by ..."), then placed as the filters say.
        model.current = replaceInPlace(model.current, task);
        publish();
        if (!lingering.current.has(task.id)) {
          lingering.current.set(
            task.id,
            setTimeout(() => {
              lingering.current.delete(task.id);
              // Placed as the row now is: a newer version may have replaced it meanwhile.
              const now = model.current.rows.find((row) => row?.id === task.id);
              if (now) place(now, 'other');
            }, COMPLETED_LINGER_MS),
          );
        }
        return;
      }
      place(task, kind);
    },
    [gate, place, publish],
  );

  // Folding shows at once what the loaded rows tell, then the rows in view are asked for again without the subtree.
  const foldedKey = collapsed.join(',');
  const folded = useRef(collapsed);
  useEffect(() => {
    const before = new Set(folded.current);
    const now = new Set(collapsedRef.current);
    if (before.size === now.size && [...now].every((id) => before.has(id))) return;
    folded.current = collapsedRef.current;
    if (fresh.current) {
      // The first answer is still to come, maybe for the folds before: it is asked for again.
      epoch.current++;
      inFlight.current.clear();
      ensure();
      return;
    }
    let loaded = model.current;
    for (const id of now) if (!before.has(id)) loaded = foldRows(loaded, id, true, placementsRef.current);
    for (const id of before) if (!now.has(id)) loaded = foldRows(loaded, id, false, placementsRef.current);
    moves.current++;
    model.current = loaded;
    refetchInView();
  }, [foldedKey, refetchInView, ensure]);

  const retry = useCallback(() => setAttempt((value) => value + 1), []);
  const anyTasks = useAnyTasks(filters, rows.length, status.loading, deletions);

  return { rows, placements, nested: isNested, ...status, anyTasks, showRange, applyChange, retry };
}
