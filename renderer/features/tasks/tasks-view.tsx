// Placeholder: this feature is being built now.
export function TasksView() {
  return <p>TasksView</p>;
}
