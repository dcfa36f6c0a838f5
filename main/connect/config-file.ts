import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';

/** A client's configuration file as found: its text, or nothing yet. */
export interface ConfigFile {
  path: string;
  exists: boolean;
  text: string;
}

export function readConfigFile(file: string): ConfigFile {
  try {
    return { path: file, exists: true, text: fs.readFileSync(file, 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { path: file, exists: false, text: '' };
    throw error;
  }
}

/** Whether the client seems to be installed: its configuration file or the folder it lives in exists. */
export function clientInstalled(file: string): boolean {
  return fs.existsSync(file) || fs.existsSync(path.dirname(file));
}

/**
 * Replaces the file with `text`: the old file is copied to a timestamped
 * backup beside it first, and the new text is written to a temporary file in
 * the same folder and renamed over the old one, so a crash leaves either
 * the old file or the new, never half of one. Returns the backup's path.
 */
export function writeConfigFile(file: ConfigFile, text: string, now = new Date()): string | undefined {
  fs.mkdirSync(path.dirname(file.path), { recursive: true });
  let backup: string | undefined;
  // The file holds a token: a new one is readable by its owner only; an existing one keeps its mode.
  let mode = 0o600;
  if (file.exists) {
    mode = fs.statSync(file.path).mode & 0o777;
    backup = `${file.path}.${now.toISOString().replace(/[:.]/g, '-')}.taskdesk-backup`;
    fs.copyFileSync(file.path, backup, fs.constants.COPYFILE_EXCL);
  }
  const temporary = path.join(
    path.dirname(file.path),
    `.${path.basename(file.path)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const fd = fs.openSync(temporary, 'wx', mode);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(temporary, file.path);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  return backup;
}

/** A unified diff of the change, with every secret replaced, for --dry-run and the UI. */
export function describeChange(file: ConfigFile, text: string, secrets: readonly string[]): string {
  const mask = (value: string) => secrets.reduce((masked, secret) => masked.split(secret).join('<token>'), value);
  return createTwoFilesPatch(
    file.path,
    file.path,
    mask(file.text),
    mask(text),
    file.exists ? 'now' : 'new file',
    'after',
  );
}
