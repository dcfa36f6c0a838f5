// Placeholder: this feature is being built now.
export function ConnectionView() {
  return <p>ConnectionView</p>;
}
