import fs from 'node:fs';
import path from 'node:path';
import { app } from 'electron';
import { pino } from 'pino';
import type { LogLevel } from '../config/environment';
import { createLogger, type Logger } from '../logging/logger';

// Beyond this the old log is kept once as taskdesk.log.1, so the file never grows without end.
const ROTATE_AT_BYTES = 10 * 1024 * 1024;

/**
 * An installed app started from Finder, the Start menu or at login has no
 * visible stderr (Windows points it at NUL), so the desktop app also writes
 * its log to a file in the system's log folder; the error screen names it.
 */
export function createDesktopLogger(level: LogLevel): { logger: Logger; logFile: string } {
  const logFile = path.join(app.getPath('logs'), 'taskdesk.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  if (fs.existsSync(logFile) && fs.statSync(logFile).size > ROTATE_AT_BYTES) fs.renameSync(logFile, `${logFile}.1`);
  const streams = pino.multistream([
    { stream: pino.destination({ dest: 2, sync: true }) },
    { stream: pino.destination({ dest: logFile, sync: true, append: true }) },
  ]);
  return { logger: createLogger(level, streams), logFile };
}
