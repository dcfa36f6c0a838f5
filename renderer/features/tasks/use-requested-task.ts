import { useEffect } from 'react';
import type { Task } from '../../../shared/task';
import { useApi } from '../../lib/api-context';
import { useTaskNavigation } from '../../lib/task-navigation';

/**
 * Opens the task another view asked for (Activity's task links): a live task
 * in the edit panel; one that is gone (deleted) by showing Recently deleted.
 */
export function useRequestedTask(open: (task: Task) => void, showDeleted: () => void) {
  const api = useApi();
  const { requested, handled } = useTaskNavigation();
  useEffect(() => {
    if (!requested) return;
    handled(requested);
    if (requested.deleted) showDeleted();
    else api.getTask(requested.id).then(open, showDeleted);
  }, [api, requested, handled, open, showDeleted]);
}
