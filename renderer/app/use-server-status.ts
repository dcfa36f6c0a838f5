import { useCallback, useEffect, useState } from 'react';
import type { ServerStatus } from '../../shared/api';
import { useApi } from './api-context';
import { useLiveEvent, useLiveEvents } from './live-events';

/** The server's status, refreshed on (re)connection and after every task change. */
export function useServerStatus(): { status: ServerStatus | undefined; error: string | undefined } {
  const api = useApi();
  const { generation } = useLiveEvents();
  const [status, setStatus] = useState<ServerStatus>();
  const [error, setError] = useState<string>();
  const refresh = useCallback(() => {
    api.status().then(
      (value) => {
        setStatus(value);
        setError(undefined);
      },
      (reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)),
    );
  }, [api]);
  useEffect(refresh, [refresh, generation]);
  useLiveEvent((name) => {
    if (name === 'task') refresh();
  });
  return { status, error };
}
