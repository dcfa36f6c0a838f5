/**
 * The one preload script, bundled to a single CommonJS file (sandboxed
 * preloads cannot be ES modules or require files of their own). It puts
 * exactly `DesktopBridge` on `window.taskdesk` and nothing else: no ipcRenderer,
 * no Node, no way to send arbitrary messages.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { DesktopBridge } from '../../shared/desktop';
import { APP_VERSION_ARGUMENT, IPC_CHANNELS } from './ipc-channels';

const versionArgument = process.argv.find((argument) => argument.startsWith(APP_VERSION_ARGUMENT));

const bridge: DesktopBridge = {
  appVersion: versionArgument?.slice(APP_VERSION_ARGUMENT.length) ?? '',
  openExternal: async (url: string): Promise<boolean> => {
    const opened: unknown = await ipcRenderer.invoke(IPC_CHANNELS.openExternal, url);
    return opened === true;
  },
};

contextBridge.exposeInMainWorld('taskdesk', bridge);
