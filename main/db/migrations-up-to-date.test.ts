import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/temp-dir';
import { migrationsDir } from './migrations-dir';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DRIZZLE_KIT = path.join(ROOT, 'node_modules', '.bin', 'drizzle-kit');

const DIALECTS = [
  { kind: 'sqlite', dialect: 'sqlite', schema: 'main/db/schema/sqlite-tables.ts' },
  { kind: 'postgres', dialect: 'postgresql', schema: 'main/db/schema/postgres-tables.ts' },
] as const;

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('committed migrations', () => {
  const tempDir = useTempDirs();

  for (const { kind, dialect, schema } of DIALECTS) {
    it(`match what drizzle-kit would generate now for ${kind}`, async () => {
      const dir = tempDir();
      const copy = path.join(dir, kind);
      fs.cpSync(migrationsDir(kind, undefined), copy, { recursive: true });
      // drizzle-kit resolves --out against the working directory, so it runs inside the copy's parent.
      const { stdout } = await run(
        DRIZZLE_KIT,
        ['generate', '--dialect', dialect, '--schema', path.join(ROOT, schema), '--out', `./${kind}`],
        { cwd: dir },
      );
      expect(stdout).toContain('No schema changes');
      expect(listFiles(copy)).toEqual(listFiles(migrationsDir(kind, undefined)));
    });
  }
});
