import { app } from 'electron';
import type { Logger } from '../logging/logger';

// Past this, a quit that is still waiting on the server gives up and exits.
const QUIT_DEADLINE_MS = 8000;

/**
 * Quitting (menu, Cmd+Q, a signal from a terminal) first stops the server:
 * requests in flight finish and the database is closed, then the app exits.
 */
export function drainOnQuit(stopServer: () => Promise<void>, logger: Logger): { quitting: () => boolean } {
  let quitting = false;
  let drained = false;
  app.on('before-quit', (event) => {
    if (drained) return;
    event.preventDefault();
    if (quitting) return;
    quitting = true;
    setTimeout(() => {
      logger.error('stopping the server took too long; exiting anyway');
      app.exit(1);
    }, QUIT_DEADLINE_MS).unref();
    stopServer()
      .catch((error: unknown) => logger.error({ err: error }, 'the server did not stop cleanly'))
      .finally(() => {
        drained = true;
        app.quit();
      });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  return { quitting: () => quitting };
}
