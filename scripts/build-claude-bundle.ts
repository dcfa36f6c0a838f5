// npm run build:mcpb (and the end of npm run dist): the Claude Desktop bundle,
// dist/installers/TaskDesk-<version>.mcpb, a manifest and a small launcher
// that starts the installed app in stdio mode (main/connect/claude-bundle-*).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packExtension } from '@anthropic-ai/mcpb';
import { build } from 'esbuild';
import { BUNDLE_LAUNCHER, claudeBundleManifest } from '../main/connect/claude-bundle-manifest';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
// `--out-dir DIR` builds into DIR instead of dist/ (the tests do, leaving the repository's dist/ alone).
const outFlag = process.argv.indexOf('--out-dir');
const outDir = outFlag === -1 ? path.join(root, 'dist') : path.resolve(process.argv[outFlag + 1] ?? '');
const staging = path.join(outDir, 'mcpb');
const output = path.join(outDir, 'installers', `TaskDesk-${version}.mcpb`);

fs.rmSync(staging, { recursive: true, force: true });
fs.mkdirSync(path.dirname(output), { recursive: true });
await build({
  entryPoints: [path.join(root, 'main', 'connect', 'claude-bundle-launcher.ts')],
  outfile: path.join(staging, BUNDLE_LAUNCHER),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  logLevel: 'warning',
});
fs.writeFileSync(path.join(staging, 'manifest.json'), `${JSON.stringify(claudeBundleManifest(version), null, 2)}\n`);
fs.copyFileSync(path.join(root, 'build', 'icon.png'), path.join(staging, 'icon.png'));
if (!(await packExtension({ extensionPath: staging, outputPath: output, silent: true }))) {
  console.error('mcpb could not pack the Claude Desktop bundle (see above)');
  process.exit(1);
}
console.log(`Claude Desktop bundle: ${path.relative(root, output)}`);
