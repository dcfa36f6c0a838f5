// Placeholder: this feature is being built now.
export function ToolLogView() {
  return <p>ToolLogView</p>;
}
