// npm run dev: the UI with hot reload. Starts `taskdesk serve` on a data
// directory of its own (.dev-data/) and a Vite dev server that proxies /api
// to it, then prints the address to open, signed in.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const server = spawn(
  process.execPath,
  ['bin/taskdesk.js', 'serve', '--json', '--port', '0', '--data-dir', '.dev-data'],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);
server.on('exit', (code) => {
  console.error(`taskdesk serve exited (${code}); stopping`);
  process.exit(code ?? 1);
});

let ready;
for await (const line of createInterface({ input: server.stdout })) {
  ready = JSON.parse(line);
  break;
}
process.env.TASKDESK_DEV_API = `http://127.0.0.1:${ready.port}`;
process.chdir(root);
const vite = await createServer({ configFile: 'vite.config.ts' });
await vite.listen();
const fragment = new URL(ready.uiUrl).hash;
console.log(`\nTaskDesk dev UI (hot reload): ${vite.resolvedUrls.local[0]}${fragment}`);
console.log(`MCP endpoint for agents:      ${ready.mcpUrl}\n`);

const stop = () => {
  server.kill('SIGTERM');
  void vite.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
