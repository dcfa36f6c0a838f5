/**
 * The desktop app's composition root: it wires the modules beside it and holds
 * no logic. The server core is the same one `taskdesk serve` runs.
 */
import { app, dialog } from 'electron';
import { readEnvironment, type Environment } from '../config/environment';
import { createDesktopLogger } from './desktop-logger';
import { registerIpcHandlers } from './ipc';
import { applyStartAtLogin } from './login-item';
import { createPresenter } from './presenter';
import { drainOnQuit } from './quit';
import { appExecutable, bundledFile, bundledResources, trayIconFile, useUserDataDir } from './resources';
import { confineToOrigin, denyPermissions } from './security';
import { createServerHost, originOf } from './server-host';
import { createSettingsStore } from './settings-store';
import { desktopStdioCommand, runStdioMode, stdioModeRequested } from './stdio-mode';
import { claimSingleInstance, onSecondLaunch } from './single-instance';
import { createTray } from './tray';
import { createMainWindow } from './window';

let environment: Environment;
try {
  environment = readEnvironment();
} catch (error) {
  dialog.showErrorBox('TaskDesk could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
  throw error;
}
// First: the user-data folder decides where logs, settings and the single-instance lock live.
useUserDataDir(environment);
const resources = bundledResources();
const executable = appExecutable(environment);
const { logger, logFile } = createDesktopLogger(environment.logLevel);

async function runDesktopApp(): Promise<void> {
  await app.whenReady();

  const store = createSettingsStore(app.getPath('userData'));
  const host = createServerHost({
    store,
    logger,
    environment,
    resources,
    onSaved: (settings) => void applyStartAtLogin(settings, logger, executable),
    onRestartNeeded: () => void presenter.show(),
    stdioCommand: (location) => desktopStdioCommand(location, executable),
    recordDir: app.getPath('userData'),
  });
  const { quitting } = drainOnQuit(host.stop, logger);
  const appOrigin = () => {
    const server = host.current();
    return server && originOf(server);
  };

  const window = createMainWindow({ preload: bundledFile('preload.cjs'), appVersion: app.getVersion(), quitting });
  confineToOrigin(window.webContents, appOrigin);
  denyPermissions(window.webContents.session, appOrigin);
  registerIpcHandlers(appOrigin);

  const presenter = createPresenter({
    window,
    host,
    settingsFile: store.file,
    logFile,
    logger,
    onChange: () => tray.refresh(),
  });
  const tray = createTray(trayIconFile(), {
    state: () => ({ server: host.current(), paused: host.agentsPaused(), failure: presenter.failure() }),
    open: presenter.open,
    setPaused: host.setAgentsPaused,
    quit: () => app.quit(),
  });
  onSecondLaunch(presenter.open);
  app.on('activate', presenter.open);

  await store.read().then(
    (settings) => applyStartAtLogin(settings, logger, executable),
    () => undefined, // An unreadable settings file is shown by the presenter, with the way out.
  );
  await presenter.show();
}

if (stdioModeRequested(process.argv)) {
  // Logs go to stderr: stdout carries the protocol.
  await runStdioMode(process.argv, logger, environment, resources).then(
    () => app.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, 'TaskDesk could not serve over stdio');
      app.exit(1);
    },
  );
} else if (!claimSingleInstance()) app.quit();
else {
  // Not awaited: Electron emits 'ready' only after the main module has finished
  // loading, so awaiting app.whenReady() at the top level would wait forever.
  // Whatever the window cannot show (it may not exist yet) still ends in a message, never a silent exit.
  void runDesktopApp().catch((error: unknown) => {
    logger.error({ err: error }, 'TaskDesk could not start');
    dialog.showErrorBox('TaskDesk could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}
