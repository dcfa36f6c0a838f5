import { INSTANCE_HEADER } from '../app/start-server';
import { UserFacingError } from '../errors';

const VERIFY_TIMEOUT_MS = 3000;

export class ForeignServerError extends UserFacingError {}

/**
 * Proves that the server answering at `origin` is the one this process just
 * started, before any page from it is rendered: a program squatting the port
 * (started before us, or racing a restart) cannot know the nonce, so it never
 * gets a window, a session cookie, or the person's attention.
 */
export async function verifyOwnServer(origin: string, nonce: string): Promise<void> {
  let answered: string | null;
  try {
    const response = await fetch(`${origin}/healthz`, {
      redirect: 'manual',
      signal: AbortSignal.timeout(VERIFY_TIMEOUT_MS),
    });
    answered = response.headers.get(INSTANCE_HEADER);
    await response.body?.cancel();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ForeignServerError(`TaskDesk's server did not answer at ${origin}/healthz (${reason})`);
  }
  if (answered !== nonce) {
    throw new ForeignServerError(
      `another program is answering at ${origin} instead of the server TaskDesk just started, so TaskDesk will not show it`,
    );
  }
}
