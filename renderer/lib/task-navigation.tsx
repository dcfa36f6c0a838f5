import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/** A request to show one task; `serial` tells two requests for the same task apart. */
export interface TaskRequest {
  id: string;
  /** Known to be deleted: shown among the recently deleted, without asking for it. */
  deleted: boolean;
  serial: number;
}

interface TaskNavigation {
  /** The last task some view asked to open, until the Tasks view has opened it. */
  requested: TaskRequest | undefined;
  openTask: (id: string, deleted: boolean) => void;
  /** The Tasks view calls this once it has acted on the request. */
  handled: (request: TaskRequest) => void;
}

/**
 * How one view opens a task in another without importing it (features stay
 * apart): Activity asks here, the shell switches to the Tasks view, and the
 * Tasks view opens the task. Outside the shell, asking does nothing.
 */
const TaskNavigationContext = createContext<TaskNavigation>({
  requested: undefined,
  openTask: () => undefined,
  handled: () => undefined,
});

export function TaskNavigationProvider({ onOpen, children }: { onOpen: () => void; children: ReactNode }) {
  const [requested, setRequested] = useState<TaskRequest>();
  const openTask = useCallback(
    (id: string, deleted: boolean) => {
      setRequested((previous) => ({ id, deleted, serial: (previous?.serial ?? 0) + 1 }));
      onOpen();
    },
    [onOpen],
  );
  const handled = useCallback(
    (request: TaskRequest) => setRequested((current) => (current?.serial === request.serial ? undefined : current)),
    [],
  );
  const value = useMemo(() => ({ requested, openTask, handled }), [requested, openTask, handled]);
  return <TaskNavigationContext.Provider value={value}>{children}</TaskNavigationContext.Provider>;
}

export function useTaskNavigation(): TaskNavigation {
  return useContext(TaskNavigationContext);
}
