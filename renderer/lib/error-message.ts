/** The text to show for a failure: an ApiError's message is the server's own, shown as it comes. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
