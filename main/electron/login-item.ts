import fs from 'node:fs/promises';
import path from 'node:path';
import { app } from 'electron';
import type { DesktopSettings } from '../../shared/desktop';
import type { Logger } from '../logging/logger';

/** Linux has no login-item API in Electron: desktop sessions start what ~/.config/autostart lists. */
async function setLinuxAutostart(enabled: boolean, executable: string): Promise<void> {
  const file = path.join(app.getPath('appData'), 'autostart', 'taskdesk.desktop');
  if (!enabled) return fs.rm(file, { force: true });
  const entry = [
    '[Desktop Entry]',
    'Type=Application',
    'Name=TaskDesk',
    `Exec="${executable.replace(/(["`$\\])/g, '\\$1')}"`,
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, entry);
}

/** Makes "start at login" true of the system, from the settings (at start-up and on every save). */
export async function applyStartAtLogin(settings: DesktopSettings, logger: Logger, executable: string): Promise<void> {
  // From sources the executable is the development Electron binary; registering it would start a bare Electron.
  if (!app.isPackaged) {
    logger.debug({ start_at_login: settings.start_at_login }, 'start at login applies to the installed app only');
    return;
  }
  try {
    if (process.platform === 'linux') await setLinuxAutostart(settings.start_at_login, executable);
    else app.setLoginItemSettings({ openAtLogin: settings.start_at_login });
  } catch (error) {
    logger.error({ err: error }, 'could not change whether TaskDesk starts at login');
  }
}
