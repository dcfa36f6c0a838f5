import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ELECTRON_PACKAGE = path.join(ROOT, 'node_modules', 'electron');

const HOW_TO_GET_ONE =
  'run `node node_modules/electron/install.js` where its download host is reachable (or ELECTRON_MIRROR names a ' +
  'mirror), or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron of the version package.json pins';

/**
 * The Electron binary, found the way the electron package finds it
 * (ELECTRON_OVERRIDE_DIST_PATH, else the binary its install step wrote down in
 * path.txt), but never downloading one: where there is none, the reason.
 * Requiring 'electron' instead would start a download, which hangs here.
 */
export function findElectron(): { binary: string; missing?: undefined } | { binary?: undefined; missing: string } {
  const pathFile = path.join(ELECTRON_PACKAGE, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = path.join(override, relative || 'electron');
    return fs.existsSync(binary)
      ? { binary }
      : { missing: `no Electron binary: ELECTRON_OVERRIDE_DIST_PATH=${override} holds no ${relative || 'electron'}` };
  }
  if (relative) {
    const binary = path.join(ELECTRON_PACKAGE, 'dist', relative);
    if (fs.existsSync(binary)) return { binary };
    return {
      missing: `no Electron binary: node_modules/electron/path.txt names ${binary}, which is not there; ${HOW_TO_GET_ONE}`,
    };
  }
  return { missing: `no Electron binary: node_modules/electron has not downloaded one; ${HOW_TO_GET_ONE}` };
}

/**
 * A suite's title, carrying the reason when it is skipped: Playwright's list
 * reporter prints titles but not skip reasons, and the reason must be seen.
 */
export function electronSuiteTitle(name: string, electron: ReturnType<typeof findElectron>): string {
  return electron.missing === undefined ? name : `${name} [skipped: ${electron.missing}]`;
}
