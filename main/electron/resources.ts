import path from 'node:path';
import { app } from 'electron';
import { besideModule } from '../module-path';

/**
 * The installed app keeps the migrations and the built UI as plain resources
 * beside app.asar (electron-builder.yml, extraResources). Set here, not taken
 * from the environment, so nothing outside the signed app decides what runs.
 */
export function useBundledResources(): void {
  if (!app.isPackaged) return;
  process.env.TASKDESK_MIGRATIONS_DIR = path.join(process.resourcesPath, 'migrations');
  process.env.TASKDESK_RENDERER_DIR = path.join(process.resourcesPath, 'renderer');
}

/**
 * TASKDESK_USER_DATA_DIR puts the settings and the default database elsewhere
 * (the e2e tests give each app a folder of its own). Set before anything else:
 * the single-instance lock belongs to the user-data folder.
 */
export function useUserDataDirFromEnvironment(): void {
  const dir = process.env.TASKDESK_USER_DATA_DIR?.trim();
  if (dir) app.setPath('userData', path.resolve(dir));
}

/** A file that scripts/build-electron.mjs puts beside the main-process bundle. */
export const bundledFile = (name: string) => besideModule(`./${name}`, import.meta.url);

/** macOS wants a black template image it tints itself; elsewhere the tray shows the icon as it is. */
export const trayIconFile = () =>
  bundledFile(process.platform === 'darwin' ? 'tray/trayTemplate.png' : 'tray/tray.png');
