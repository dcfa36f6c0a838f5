import { Bot, ListPlus, SearchX } from 'lucide-react';
import { Button } from 'react-aria-components';

/** The person has no tasks at all: the two ways tasks come into being. */
export function NoTasksYet() {
  return (
    <div className="task-empty-state">
      <h2 className="task-empty-title">No tasks yet</h2>
      <div className="task-empty-steps">
        <div className="task-empty-step">
          <ListPlus size={20} aria-hidden />
          <h3>Add your first task</h3>
          <p>Type it in the “Add task” box above and press Enter.</p>
        </div>
        <div className="task-empty-step">
          <Bot size={20} aria-hidden />
          <h3>Connect an agent</h3>
          <p>Open the Connection tab to copy the MCP URL into Claude Code, Claude Desktop or another client.</p>
        </div>
      </div>
    </div>
  );
}

/** Tasks exist, but the filters hide them all. */
export function NoMatchingTasks({ onClearFilters }: { onClearFilters: () => void }) {
  return (
    <div className="task-empty-state">
      <SearchX size={20} aria-hidden />
      <h2 className="task-empty-title">No tasks match these filters</h2>
      <Button className="button" onPress={onClearFilters}>
        Clear filters
      </Button>
    </div>
  );
}
