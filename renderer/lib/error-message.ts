import { ApiError, type ClientErrorCode } from './api-client';

/** The text of a failure as it came; for messages the server writes for people (a database test, a file it could not read). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The UI's own words for each code. The server's messages are written for
 * models ("expected_version 1 ... call get_task"); a person reads these.
 */
const PLAIN_WORDS: Record<ClientErrorCode, string> = {
  network:
    'TaskDesk’s server is not answering, so nothing was saved. What you typed is kept; try again once it is back.',
  unauthorized: 'Your sign-in has ended. Run taskdesk ui-link for a fresh sign-in link.',
  forbidden: 'TaskDesk refused a request from this page. Reload it from the sign-in link.',
  not_found: 'This task no longer exists; it may have been deleted.',
  conflict: 'This task was changed by someone else while you were working on it.',
  validation_error: 'TaskDesk could not accept this. Check what you typed and try again.',
  payload_too_large: 'That is too much text to save at once.',
  method_not_allowed: 'TaskDesk did not understand this request, so nothing was changed. Reloading the page may help.',
  unsupported_media_type:
    'TaskDesk did not understand this request, so nothing was changed. Reloading the page may help.',
  not_acceptable: 'TaskDesk did not understand this request, so nothing was changed. Reloading the page may help.',
  internal: 'Something went wrong inside TaskDesk, so nothing was changed. Try again.',
  unavailable: 'TaskDesk’s database is not available right now, so nothing was changed. Try again shortly.',
};

/** What a person reads when a task action fails: the code in plain words, never the agent-facing message. */
export function plainFailure(error: unknown): string {
  return error instanceof ApiError ? PLAIN_WORDS[error.code] : PLAIN_WORDS.internal;
}

/** The failure's code, or undefined for anything that is not an answer from the API client. */
export const failureCode = (error: unknown): ClientErrorCode | undefined =>
  error instanceof ApiError ? error.code : undefined;
