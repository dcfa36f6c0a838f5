import { clipboard, Menu, nativeImage, Tray } from 'electron';
import type { RunningServer } from '../app/start-server';

export interface TrayState {
  server: RunningServer | undefined;
  paused: boolean;
  failure: string | undefined;
}

export interface TrayActions {
  state: () => TrayState;
  open: () => void;
  setPaused: (paused: boolean) => void;
  quit: () => void;
}

const MAX_STATUS_LENGTH = 70;

export function statusLine({ server, paused, failure }: TrayState): string {
  if (server) return `${paused ? 'Agents paused' : 'Serving agents'} on port ${server.port} (${server.database})`;
  const line = failure ? `Not running: ${failure}` : 'Starting…';
  return line.length > MAX_STATUS_LENGTH ? `${line.slice(0, MAX_STATUS_LENGTH - 1)}…` : line;
}

/** The tray icon keeps TaskDesk reachable while its window is closed and the server serves agents. */
export function createTray(iconFile: string, actions: TrayActions): { refresh: () => void } {
  const icon = nativeImage.createFromPath(iconFile);
  if (process.platform === 'darwin') icon.setTemplateImage(true);
  const tray = new Tray(icon);
  tray.setToolTip('TaskDesk');
  // Windows opens the app on a click; macOS and Linux show the menu instead.
  if (process.platform === 'win32') tray.on('click', actions.open);

  const refresh = () => {
    const state = actions.state();
    const mcpUrl = state.server?.mcpUrl;
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: statusLine(state), enabled: false },
        { type: 'separator' },
        { label: 'Open TaskDesk', click: actions.open },
        {
          label: 'Copy MCP URL',
          enabled: mcpUrl !== undefined,
          click: () => void (mcpUrl && clipboard.writeText(mcpUrl)),
        },
        {
          label: state.paused ? 'Resume agents' : 'Pause agents',
          click: () => {
            actions.setPaused(!state.paused);
            refresh();
          },
        },
        { type: 'separator' },
        { label: 'Quit TaskDesk', click: actions.quit },
      ]),
    );
  };
  refresh();
  return { refresh };
}
