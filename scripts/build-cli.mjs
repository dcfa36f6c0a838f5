// Bundles the CLI (and with it the server) into dist/cli, so `taskdesk` runs
// plain JavaScript: no TypeScript compiler loaded at run time, which keeps the
// server's memory down. Run by `npm install` (prepare), `npm test` and `npm run bench`.
import { bundleServer, root } from './bundle-server.mjs';

// heap-limits is its own entry: bin/taskdesk.js applies it before loading the CLI (see main/app/heap-limits.ts).
await bundleServer({
  out: `${root}dist/cli`,
  entry: { taskdesk: `${root}main/cli/main.ts`, 'heap-limits': `${root}main/app/heap-limits.ts` },
  target: 'node20',
});
