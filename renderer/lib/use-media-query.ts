import { useSyncExternalStore } from 'react';

/** Below this width the UI is laid out for a phone: filters in a sheet, two-line rows, the editor full screen. */
export const NARROW_QUERY = '(max-width: 640px)';

/** Whether `query` matches now; re-renders when that changes. jsdom has no matchMedia: it never matches there. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      if (typeof window.matchMedia !== 'function') return () => undefined;
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => typeof window.matchMedia === 'function' && window.matchMedia(query).matches,
  );
}

export const useIsNarrow = (): boolean => useMediaQuery(NARROW_QUERY);
