import os from 'node:os';
import type { Environment } from '../config/environment';
import type { ClientEnvironment } from './client-targets';

/** The per-user folders clients keep their files in, as this process's environment says. */
export function clientEnvironment(folders: Environment['clientFolders']): ClientEnvironment {
  return { home: os.homedir(), platform: process.platform, ...folders };
}
