import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { unpackExtension } from '@anthropic-ai/mcpb';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectOverStdio } from '../mcp/testing/snippet-transports';
import { BIN } from '../testing/run-cli';
import { makeTempDir } from '../testing/temp-dir';
import { BUNDLE_LAUNCHER, claudeBundleManifest } from './claude-bundle-manifest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const TOOLS = [
  'add_note',
  'add_task',
  'claim_task',
  'complete_task',
  'delete_task',
  'get_task',
  'health_check',
  'list_projects',
  'list_tasks',
  'release_task',
  'update_task',
];

const temp = makeTempDir('taskdesk-mcpb-');
const unpacked = path.join(temp.dir, 'unpacked');

// The bundle format's own published JSON Schema, which refuses keys it does not define.
const SCHEMA = path.join(ROOT, 'node_modules', '@anthropic-ai', 'mcpb', 'schemas', 'mcpb-manifest-v0.3.schema.json');
const validateManifest = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(fs.readFileSync(SCHEMA, 'utf8')) as object,
);

beforeAll(async () => {
  const built = path.join(temp.dir, 'dist');
  const script = path.join(ROOT, 'scripts', 'build-claude-bundle.ts');
  await run(process.execPath, ['--import', 'tsx', script, '--out-dir', built], { cwd: ROOT });
  const bundle = path.join(built, 'installers', `TaskDesk-${version}.mcpb`);
  expect(await unpackExtension({ mcpbPath: bundle, outputDir: unpacked, silent: true })).toBe(true);
}, 60_000);
afterAll(() => temp.remove());

describe('the Claude Desktop bundle', () => {
  it('has a manifest the bundle format’s published schema accepts, naming every tool', () => {
    const manifest = claudeBundleManifest(version);
    expect(validateManifest(manifest) ? [] : validateManifest.errors).toEqual([]);
    // The schema is strict: a key it does not define fails, so passing above means something.
    expect(validateManifest({ ...manifest, unknown_key: true })).toBe(false);
    expect(manifest.tools.map((tool) => tool.name).sort()).toEqual(TOOLS);
    const packed = JSON.parse(fs.readFileSync(path.join(unpacked, 'manifest.json'), 'utf8')) as unknown;
    expect(packed).toEqual(manifest);
    expect(fs.existsSync(path.join(unpacked, BUNDLE_LAUNCHER))).toBe(true);
  });

  it('runs the installed app in stdio mode on Claude Desktop’s pipes, with the database it is given', async () => {
    // Stands in for the installed app, whose own --stdio mode the Electron tests cover where Electron runs:
    // it takes the app's arguments and serves `taskdesk stdio` with them.
    const app = path.join(temp.dir, 'TaskDesk');
    fs.writeFileSync(
      app,
      `#!/bin/sh\n[ "$1" = --stdio ] || exit 64\nshift\nexec "${process.execPath}" "${BIN}" stdio "$@"\n`,
    );
    fs.chmodSync(app, 0o755);
    const database = path.join(temp.dir, 'bundle.db');
    const manifest = claudeBundleManifest(version);
    const client = await connectOverStdio(
      {
        command: process.execPath,
        args: manifest.server.mcp_config.args.map((arg) => arg.replace('${__dirname}', unpacked)),
        env: { TASKDESK_APP: app, TASKDESK_DB: database },
      },
      'Claude Desktop',
    );
    try {
      expect((await client.listTools()).tools.map((tool) => tool.name).sort()).toEqual(TOOLS);
      const added = await client.callTool({ name: 'add_task', arguments: { title: 'through the bundle' } });
      expect(added.structuredContent).toMatchObject({ status: 'success' });
    } finally {
      await client.close();
    }
    expect(fs.existsSync(database)).toBe(true);
  });

  it('hands the database to the app in its environment only, never in arguments other users can see', async () => {
    const recorder = path.join(temp.dir, 'RecordingApp');
    const record = path.join(temp.dir, 'recorded.txt');
    fs.writeFileSync(recorder, `#!/bin/sh\necho "$* | \${TASKDESK_DB-unset}" >> "${record}"\n`);
    fs.chmodSync(recorder, 0o755);
    const launcher = path.join(unpacked, BUNDLE_LAUNCHER);
    const secretUrl = 'postgres://me:secret@db.example/tasks';
    for (const database of [secretUrl, '']) {
      await run(process.execPath, [launcher], {
        env: { PATH: process.env.PATH, TASKDESK_APP: recorder, TASKDESK_DB: database },
      });
    }
    expect(fs.readFileSync(record, 'utf8').trim().split('\n')).toEqual([`--stdio | ${secretUrl}`, '--stdio | unset']);
  });

  it('says plainly when the app is not installed', async () => {
    const launcher = path.join(unpacked, BUNDLE_LAUNCHER);
    const missing = path.join(temp.dir, 'nowhere', 'TaskDesk');
    const failed: unknown = await run(process.execPath, [launcher], {
      env: { PATH: process.env.PATH, TASKDESK_APP: missing },
    }).catch((error: unknown) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain(`the TaskDesk app was not found (looked at ${missing})`);
  });
});
