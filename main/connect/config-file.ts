import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { UserFacingError } from '../errors';
import { maskSecrets } from './secret-mask';

/** A client's configuration file as found: its text (without a byte order mark), or nothing yet. */
export interface ConfigFile {
  /** The path the client reads, as named in messages. */
  path: string;
  /** Where the bytes really are: a symlinked configuration is edited at its target, and the link stays. */
  realPath: string;
  exists: boolean;
  text: string;
  /** Whether the file started with a UTF-8 byte order mark, which is kept on write. */
  bom: boolean;
}

const BOM = '\uFEFF';
const BACKUP_SUFFIX = '.taskdesk-backup';
/** Older TaskDesk backups of a file beyond these are removed, so repeated repairs do not fill the folder. */
export const BACKUPS_KEPT = 5;

/** The file a path names after following symlinks, even one whose target does not exist yet. */
function resolveLinks(file: string): string {
  let current = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let target: string;
    try {
      target = fs.readlinkSync(current);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EINVAL' || code === 'ENOENT' || code === 'UNKNOWN') break;
      throw error;
    }
    current = path.resolve(path.dirname(current), target);
  }
  // The folders on the way may be links too.
  const folder = path.dirname(current);
  return fs.existsSync(folder) ? path.join(fs.realpathSync(folder), path.basename(current)) : current;
}

export function readConfigFile(file: string): ConfigFile {
  const realPath = resolveLinks(file);
  try {
    const raw = fs.readFileSync(realPath, 'utf8');
    const bom = raw.startsWith(BOM);
    return { path: file, realPath, exists: true, text: bom ? raw.slice(1) : raw, bom };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { path: file, realPath, exists: false, text: '', bom: false };
    }
    throw error;
  }
}

/** Whether the client seems to be installed: its configuration file or the folder it lives in exists. */
export function clientInstalled(file: string): boolean {
  return fs.existsSync(file) || fs.existsSync(path.dirname(file));
}

/** Another program wrote the file after TaskDesk read it; writing now would lose that change. */
export class ConfigChangedError extends UserFacingError {
  override readonly name = 'ConfigChangedError';
  constructor(file: string) {
    super(`${file} was changed by another program while TaskDesk was editing it; nothing was written. Try again.`);
  }
}

const readOrNothing = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);

/**
 * Replaces the file with `text`: the old file is copied to a timestamped
 * backup beside it first, and the new text is written to a temporary file in
 * the same folder and renamed over the old one, so a crash leaves either
 * the old file or the new, never half of one. Just before the rename the
 * file is compared with what was read: a client that saved it meanwhile
 * (Claude Code rewrites ~/.claude.json often) gets a ConfigChangedError
 * rather than a lost update. Returns the backup's path.
 */
export function writeConfigFile(file: ConfigFile, text: string, now = new Date()): string | undefined {
  const folder = path.dirname(file.realPath);
  fs.mkdirSync(folder, { recursive: true });
  const expected = file.exists ? `${file.bom ? BOM : ''}${file.text}` : undefined;
  // The file holds a token: a new one is readable by its owner only; an existing one keeps its mode.
  const mode = file.exists ? fs.statSync(file.realPath).mode & 0o777 : 0o600;
  const temporary = path.join(folder, `.${path.basename(file.realPath)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(temporary, 'wx', mode);
  try {
    fs.writeFileSync(fd, `${file.bom ? BOM : ''}${text}`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  let backup: string | undefined;
  try {
    if (file.exists) {
      backup = `${file.realPath}.${now.toISOString().replace(/[:.]/g, '-')}${BACKUP_SUFFIX}`;
      fs.copyFileSync(file.realPath, backup, fs.constants.COPYFILE_EXCL);
    }
    // The backup is the file as it is now: it must be what was read.
    if ((backup ? readOrNothing(backup) : readOrNothing(file.realPath)) !== expected) {
      throw new ConfigChangedError(file.path);
    }
    fs.renameSync(temporary, file.realPath);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    if (backup && error instanceof ConfigChangedError) fs.rmSync(backup, { force: true });
    throw error;
  }
  pruneBackups(file.realPath);
  return backup;
}

/** Keeps the newest BACKUPS_KEPT of TaskDesk's backups of one file; their names sort by time. */
function pruneBackups(file: string): void {
  const prefix = `${path.basename(file)}.`;
  const backups = fs
    .readdirSync(path.dirname(file))
    .filter((name) => name.startsWith(prefix) && name.endsWith(BACKUP_SUFFIX))
    .sort();
  for (const name of backups.slice(0, -BACKUPS_KEPT)) fs.rmSync(path.join(path.dirname(file), name), { force: true });
}

/** A unified diff of the change for --dry-run, with `secrets` shown as `<token>` and every other secret masked. */
export function describeChange(file: ConfigFile, text: string, secrets: readonly string[]): string {
  const mask = (value: string) =>
    maskSecrets(secrets.reduce((masked, secret) => masked.split(secret).join('<token>'), value));
  return createTwoFilesPatch(
    file.path,
    file.path,
    mask(file.text),
    mask(text),
    file.exists ? 'now' : 'new file',
    'after',
  );
}
