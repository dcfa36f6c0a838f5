import path from 'node:path';
import { app } from 'electron';
import type { ResourceFolders } from '../config/app-config';
import type { Environment } from '../config/environment';
import { besideModule } from '../module-path';

/**
 * The installed app keeps the migrations and the built UI as plain resources
 * beside app.asar (electron-builder.yml, extraResources). Decided here, not
 * taken from the environment, so nothing outside the signed app decides what runs.
 */
export function bundledResources(): ResourceFolders {
  if (!app.isPackaged) return {};
  return {
    migrationsDir: path.join(process.resourcesPath, 'migrations'),
    rendererDir: path.join(process.resourcesPath, 'renderer'),
  };
}

/**
 * TASKDESK_USER_DATA_DIR puts the settings and the default database elsewhere
 * (the e2e tests give each app a folder of its own). Set before anything else:
 * the single-instance lock belongs to the user-data folder.
 */
export function useUserDataDir(environment: Environment): void {
  if (environment.userDataDir) app.setPath('userData', path.resolve(environment.userDataDir));
}

/** The file that starts this app again: an AppImage runs from a mount that disappears when it quits. */
export const appExecutable = (environment: Environment) => environment.appImage ?? process.execPath;

/** A file that scripts/build-electron.mjs puts beside the main-process bundle. */
export const bundledFile = (name: string) => besideModule(`./${name}`, import.meta.url);

/** macOS wants a black template image it tints itself; elsewhere the tray shows the icon as it is. */
export const trayIconFile = () =>
  bundledFile(process.platform === 'darwin' ? 'tray/trayTemplate.png' : 'tray/tray.png');
