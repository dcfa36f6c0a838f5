import { app } from 'electron';

/**
 * One TaskDesk per user: a second one would fight the first for the port and
 * the database file. Returns false in the second launch, which then quits.
 */
export function claimSingleInstance(): boolean {
  return app.requestSingleInstanceLock();
}

/** A second launch brings the first instance's window forward instead. */
export function onSecondLaunch(focusFirstWindow: () => void): void {
  app.on('second-instance', focusFirstWindow);
}
