import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/temp-dir';
import { ConfigChangedError, readConfigFile, writeConfigFile } from './config-file';

const tempDir = useTempDirs();

describe('writing a client’s configuration file', () => {
  it('writes nothing, and leaves no backup or temporary file, when the file changed after it was read', () => {
    const folder = tempDir();
    const file = path.join(folder, 'mcp.json');
    fs.writeFileSync(file, '{}\n');
    const read = readConfigFile(file);
    fs.writeFileSync(file, '{ "theirs": true }\n');
    expect(() => writeConfigFile(read, '{ "ours": true }\n')).toThrow(ConfigChangedError);
    expect(fs.readFileSync(file, 'utf8')).toBe('{ "theirs": true }\n');
    expect(fs.readdirSync(folder)).toEqual(['mcp.json']);
  });

  it('does not replace a file another program created after TaskDesk found none', () => {
    const folder = tempDir();
    const file = path.join(folder, 'mcp.json');
    const read = readConfigFile(file);
    fs.writeFileSync(file, '{ "theirs": true }\n');
    expect(() => writeConfigFile(read, '{ "ours": true }\n')).toThrow(/was changed by another program/);
    expect(fs.readFileSync(file, 'utf8')).toBe('{ "theirs": true }\n');
  });
});
