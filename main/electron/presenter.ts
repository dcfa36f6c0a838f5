import type { BrowserWindow } from 'electron';
import type { Logger } from '../logging/logger';
import { showErrorScreen } from './error-screen';
import { originOf, type ServerHost } from './server-host';
import { loadSignedIn } from './session-login';
import { ForeignServerError, verifyOwnServer } from './verify-server';
import { bringToFront } from './window';

export interface PresenterOptions {
  window: BrowserWindow;
  host: ServerHost;
  settingsFile: string;
  logFile?: string;
  logger: Logger;
  /** Called after every attempt, so the tray's status line follows. */
  onChange: () => void;
}

/** What the window shows: the verified, signed-in UI, or the error screen with the way out. */
export function createPresenter(options: PresenterOptions) {
  const { window, host, logger } = options;
  let failure: string | undefined;
  let showing: Promise<void> | undefined;

  async function present(): Promise<void> {
    try {
      const server = await host.start();
      const origin = originOf(server);
      await verifyOwnServer(origin, host.nonce);
      await loadSignedIn(window, server, origin);
      failure = undefined;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
      logger.error({ err: error }, 'TaskDesk could not show its server');
      // Agents must not be left talking to a server the window refused to show.
      if (error instanceof ForeignServerError) await host.stop();
      await showErrorScreen(window, error, options.settingsFile, options.logFile);
    } finally {
      options.onChange();
    }
  }

  /** Starts the server if needed and loads the UI; calls made meanwhile share the one attempt. */
  const show = (): Promise<void> =>
    (showing ??= present()
      .catch((error: unknown) => logger.error({ err: error }, 'the window could not show the error screen'))
      .finally(() => (showing = undefined)));

  return {
    show,
    /** "Open TaskDesk", a second launch, the dock icon: bring the window forward, retrying after a failure. */
    open: () => {
      bringToFront(window);
      if (failure !== undefined || !host.current()) void show();
    },
    failure: () => failure,
  };
}
