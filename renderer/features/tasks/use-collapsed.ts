import { useCallback, useState } from 'react';
import { COLLAPSED_MAX } from '../../../shared/api';

const STORAGE_KEY = 'taskdesk.collapsed-tasks';

function remembered(): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Which tasks' subtasks are folded away, remembered in this browser. The
 * list is sent with every window query (the server leaves those subtrees
 * out), so only the most recently collapsed COLLAPSED_MAX are kept.
 */
export function useCollapsed() {
  const [collapsed, setCollapsedIds] = useState<readonly string[]>(remembered);
  const setCollapsed = useCallback((id: string, fold: boolean) => {
    setCollapsedIds((previous) => {
      const next = previous.filter((known) => known !== id);
      if (fold) next.push(id);
      const kept = next.slice(-COLLAPSED_MAX);
      try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(kept));
      } catch {
        // Storage full or refused: collapsing still works for this page.
      }
      return kept;
    });
  }, []);
  return { collapsed, setCollapsed };
}
