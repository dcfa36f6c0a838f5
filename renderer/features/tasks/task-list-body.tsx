import { ErrorBanner } from '../../components/ui/error-banner';
import { TaskList, type TaskListProps } from './task-list';
import { NoMatchingTasks, NoTasksYet } from './tasks-empty-state';
import type { useTaskList } from './use-task-list';

type RowProps = Omit<TaskListProps, 'rows' | 'onRangeChange' | 'nested' | 'placements'>;

interface TaskListBodyProps extends RowProps {
  list: ReturnType<typeof useTaskList>;
  onClearFilters: () => void;
}

/** The list, or what to say instead of it: loading, a failure, or one of the two empty states. */
export function TaskListBody({ list, onClearFilters, ...rowProps }: TaskListBodyProps) {
  if (list.rows.length === 0) {
    if (list.error !== undefined) return <ErrorBanner message={list.error} onRetry={list.retry} />;
    if (list.loading) {
      return (
        <p className="task-list-status" aria-busy="true">
          Loading tasks…
        </p>
      );
    }
    return list.anyTasks === false ? <NoTasksYet /> : <NoMatchingTasks onClearFilters={onClearFilters} />;
  }
  return (
    <>
      {list.error !== undefined && <ErrorBanner message={list.error} onRetry={list.retry} />}
      <TaskList
        rows={list.rows}
        onRangeChange={list.showRange}
        nested={list.nested}
        placements={list.placements}
        {...rowProps}
      />
    </>
  );
}
