import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/temp-dir';
import { createSqliteBackgroundWriter } from './background-writer';

describe('SQLite background writer', () => {
  it('fails writes, rather than hanging, when its worker dies, and hands checkpoints back', async () => {
    const temp = makeTempDir();
    const events: string[] = [];
    const writer = createSqliteBackgroundWriter({
      // A folder that does not exist: the worker cannot open the file and dies.
      path: path.join(temp.dir, 'missing', 'taskdesk.db'),
      retention: 10,
      onStart: () => events.push('start'),
      onStop: () => events.push('stop'),
    });
    try {
      await expect(writer.write([])).rejects.toThrow();
      await expect(writer.write([])).rejects.toThrow();
      expect(events).toEqual(['start', 'stop', 'start', 'stop']);
      await writer.close();
    } finally {
      temp.remove();
    }
  });
});
