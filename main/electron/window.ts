import { BrowserWindow } from 'electron';
import { secureWebPreferences } from './security';

export interface MainWindowOptions {
  preload: string;
  appVersion: string;
  /** True once the person chose Quit: only then does closing the window really close it. */
  quitting: () => boolean;
}

/** The one window, on the server's UI. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'TaskDesk',
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(options.preload, options.appVersion),
  });
  window.once('ready-to-show', () => window.show());
  // Closing hides the window: the server keeps running in the tray, so agents stay connected.
  window.on('close', (event) => {
    if (options.quitting()) return;
    event.preventDefault();
    window.hide();
  });
  return window;
}

export function bringToFront(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
