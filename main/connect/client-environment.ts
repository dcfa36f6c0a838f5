import os from 'node:os';
import type { ClientEnvironment } from './client-targets';

/** The per-user folders clients keep their files in, as this process's environment says. */
export function clientEnvironment(): ClientEnvironment {
  return {
    home: os.homedir(),
    platform: process.platform,
    appData: process.env.APPDATA,
    xdgConfigHome: process.env.XDG_CONFIG_HOME,
    codexHome: process.env.CODEX_HOME,
    path: process.env.PATH,
    taskdeskApp: process.env.TASKDESK_APP?.trim() || undefined,
  };
}
