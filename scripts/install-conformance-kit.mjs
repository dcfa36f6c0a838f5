// The root postinstall: installs the MCP conformance kit (tools/mcp-conformance,
// its own package and lock) so `npm ci` leaves the tests nothing to download.
// Skipped where the kit is not present, e.g. when a packager installs the
// app's production dependencies in a staging folder.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const kit = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'tools', 'mcp-conformance');
if (!fs.existsSync(path.join(kit, 'package-lock.json'))) process.exit(0);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--prefix', kit, '--no-audit', '--no-fund'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
process.exit(result.status ?? 1);
