import { afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function makeTempDir(prefix = 'taskdesk-test-'): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    remove: () => {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** In a describe block: a maker of temp directories that are all removed after each test. */
export function useTempDirs(): () => string {
  const removers: (() => void)[] = [];
  afterEach(() => {
    for (const remove of removers.splice(0)) remove();
  });
  return () => {
    const temp = makeTempDir();
    removers.push(temp.remove);
    return temp.dir;
  };
}
