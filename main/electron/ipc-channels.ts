/** The IPC channels between the preload script and the main process; nothing else is handled. */
export const IPC_CHANNELS = {
  openExternal: 'taskdesk:open-external',
} as const;

/** How the app version reaches the sandboxed preload: as a renderer argument (see security.ts). */
export const APP_VERSION_ARGUMENT = '--taskdesk-app-version=';
