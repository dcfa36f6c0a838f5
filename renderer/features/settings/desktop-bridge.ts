import type { DesktopBridge } from '../../../shared/desktop';

declare global {
  interface Window {
    /** Put there by the desktop app's preload script; absent in a plain browser. */
    taskdesk?: DesktopBridge;
  }
}

/**
 * Whether the page runs in the desktop app's window. Only there is the
 * settings route worth asking for: in a plain browser it answers 404, which
 * Chromium logs to the console as an error on every load.
 */
export function inDesktopWindow(): boolean {
  return typeof window !== 'undefined' && window.taskdesk !== undefined;
}
