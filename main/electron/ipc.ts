import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS } from './ipc-channels';
import { openExternalIfAllowed } from './security';

/**
 * The main process answers only the UI it loaded itself: each handler checks
 * that the frame that sent the message shows the server's origin right now,
 * so a page that got into the window some other way (or a subframe) is refused.
 */
export function registerIpcHandlers(appOrigin: () => string | undefined): void {
  const fromApp = (event: IpcMainInvokeEvent) => {
    const origin = event.senderFrame?.origin;
    return origin !== undefined && origin === appOrigin();
  };

  ipcMain.handle(IPC_CHANNELS.openExternal, async (event, url: unknown) =>
    fromApp(event) && typeof url === 'string' ? openExternalIfAllowed(url) : false,
  );
}
