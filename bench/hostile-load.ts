/**
 * Part of npm run bench: two hostile situations against `taskdesk serve` on
 * SQLite (issue 17), measured and printed; it asserts nothing.
 * 1. Slow readers: 64 signed-in UI event streams that never read while agents
 *    add 12,000 tasks over MCP. Prints the server's resident memory before, at
 *    its peak and after (the target is under 150 MB), and what /metrics says
 *    the streams hold and how many were cut.
 * 2. Amplification: one add_task of about 1 MiB carrying 520,000 tags. Prints
 *    the answer's size and time and the longest /healthz latency meanwhile.
 *
 * Options (env): BENCH_HOSTILE_TASKS (default 12000), BENCH_HOSTILE_CLIENTS
 * (concurrent MCP clients, default 8), BENCH_HOSTILE_STREAMS (stalled streams,
 * default 64; 0 measures the same load without them).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { LOGIN_FRAGMENT_KEY } from '../shared/api';

const BIN = fileURLToPath(new URL('../bin/taskdesk.js', import.meta.url));
const STREAMS = Number(process.env.BENCH_HOSTILE_STREAMS ?? 64);
const TASKS = Number(process.env.BENCH_HOSTILE_TASKS ?? 12_000);
const CLIENTS = Number(process.env.BENCH_HOSTILE_CLIENTS ?? 8);
const TAGS = 520_000;
const RSS_TARGET_MB = 150;

interface Server {
  child: ChildProcess;
  pid: number;
  port: number;
  origin: string;
  token: string;
  cookie: string;
}

function run(args: string[]): string {
  return execFileSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
}

/** A field of /proc/<pid>/status in MB: VmRSS is resident memory now, VmHWM its peak so far. */
function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
}

async function firstJsonLine(child: ChildProcess): Promise<{ port: number; mcpUrl: string; uiUrl: string }> {
  if (!child.stdout) throw new Error('child has no stdout');
  for await (const line of createInterface({ input: child.stdout })) {
    return JSON.parse(line) as { port: number; mcpUrl: string; uiUrl: string };
  }
  throw new Error('taskdesk serve ended before it was ready');
}

/** Serves a fresh SQLite file, with a token for the agents and a UI session from the printed sign-in link. */
async function startServer(dir: string): Promise<Server> {
  const db = path.join(dir, 'taskdesk.db');
  run(['migrate', '--db', db]);
  const { token } = JSON.parse(run(['token', 'create', '--label', 'Hostile Agent', '--json', '--db', db])) as {
    token: string;
  };
  const child = spawn(process.execPath, [BIN, 'serve', '--json', '--port', '0', '--db', db], {
    env: { ...process.env, TASKDESK_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const ready = await firstJsonLine(child);
    const origin = new URL(ready.mcpUrl).origin;
    const cookie = await signIn(origin, ready.uiUrl);
    return { child, pid: child.pid ?? 0, port: ready.port, origin, token, cookie };
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
}

/** Exchanges the login code in the printed UI link for a session cookie, as the browser does. */
async function signIn(origin: string, uiUrl: string): Promise<string> {
  const code = new URLSearchParams(new URL(uiUrl).hash.slice(1)).get(LOGIN_FRAGMENT_KEY) ?? '';
  const response = await fetch(`${origin}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ code }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`signing the UI in failed with ${response.status}`);
  return cookie;
}

/** A window that asks for events, sees the stream open, and then never reads another byte. */
function openStalledStream(server: Server): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1');
    // Kept for the socket's whole life: once the stream is open, reject is a no-op and the server's cut (a reset) is
    // expected.
    socket.on('error', reject);
    socket.write(`GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nCookie: ${server.cookie}\r\n\r\n`);
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      const status = chunk.toString('latin1').split(' ')[1];
      if (status === '200') resolve(socket);
      else reject(new Error(`GET /api/events answered ${status ?? 'nothing'}`));
    });
  });
}

function callTool(server: Server, body: string): Promise<Response> {
  return fetch(`${server.origin}/mcp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      authorization: `Bearer ${server.token}`,
      'mcp-protocol-version': '2025-11-25',
    },
    body,
  });
}

const toolCall = (id: number, args: unknown) =>
  JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'add_task', arguments: args } });

/** Agents adding tasks one after another on keep-alive connections; counts the calls that did not succeed. */
async function addTasks(server: Server): Promise<{ failed: number; seconds: number }> {
  let next = 0;
  let failed = 0;
  const started = performance.now();
  const agent = async () => {
    while (next < TASKS) {
      const i = next++;
      const response = await callTool(server, toolCall(i, { title: `hostile load ${i}` }));
      const text = await response.text();
      if (!response.ok || text.includes('"isError":true')) failed++;
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, agent));
  return { failed, seconds: (performance.now() - started) / 1000 };
}

interface Scraped {
  buffered: number;
  cut: number;
  /** V8's heap as allocated from the system, and memory held outside it (Buffers, strings handed to sockets). */
  heapTotal: number;
  external: number;
}

async function scrape(server: Server): Promise<Scraped> {
  const response = await fetch(`${server.origin}/metrics`, { headers: { authorization: `Bearer ${server.token}` } });
  const text = await response.text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return {
    buffered: value('taskdesk_event_stream_buffered_bytes'),
    cut: value('taskdesk_event_streams_cut_total'),
    heapTotal: value('taskdesk_nodejs_heap_size_total_bytes'),
    external: value('taskdesk_nodejs_external_memory_bytes'),
  };
}

interface Peaks {
  peakRss: number;
  peakBuffered: number;
  peakHeapTotal: number;
  peakExternal: number;
  /** Seconds into the work when every stalled stream had been cut, as far as 250 ms sampling tells. */
  allCutAfter: number | null;
}

/** Runs `work` while sampling the server's RSS every 25 ms and /metrics every 250 ms. */
async function sampled<T>(server: Server, work: () => Promise<T>): Promise<T & Peaks> {
  const peaks: Peaks = { peakRss: 0, peakBuffered: 0, peakHeapTotal: 0, peakExternal: 0, allCutAfter: null };
  const started = performance.now();
  let running = true;
  const rssLoop = async () => {
    while (running) {
      peaks.peakRss = Math.max(peaks.peakRss, memoryMb(server.pid, 'VmRSS'));
      await sleep(25);
    }
  };
  const metricsLoop = async () => {
    while (running) {
      const { buffered, cut, heapTotal, external } = await scrape(server);
      peaks.peakBuffered = Math.max(peaks.peakBuffered, buffered);
      peaks.peakHeapTotal = Math.max(peaks.peakHeapTotal, heapTotal);
      peaks.peakExternal = Math.max(peaks.peakExternal, external);
      if (cut >= STREAMS && peaks.allCutAfter === null) peaks.allCutAfter = (performance.now() - started) / 1000;
      await sleep(250);
    }
  };
  const loops = Promise.all([rssLoop(), metricsLoop()]);
  try {
    return { ...(await work()), ...peaks };
  } finally {
    running = false;
    await loops;
  }
}

async function slowReaders(server: Server): Promise<void> {
  const rssBefore = memoryMb(server.pid, 'VmRSS');
  const streams = await Promise.all(Array.from({ length: STREAMS }, () => openStalledStream(server)));
  const load = await sampled(server, () => addTasks(server));
  const hwm = memoryMb(server.pid, 'VmHWM');
  await sleep(2000);
  const rssAfter = memoryMb(server.pid, 'VmRSS');
  const after = await scrape(server);
  for (const stream of streams) stream.destroy();
  const mb = (value: number) => `${value.toFixed(1)} MB`;
  console.log(
    `\nSlow readers: ${STREAMS} event streams that never read, ${TASKS} add_task calls from ${CLIENTS} clients`,
  );
  console.log(
    `  calls: ${(TASKS / load.seconds).toFixed(0)}/s over ${load.seconds.toFixed(1)} s, ${load.failed} did not succeed`,
  );
  console.log(
    `  server RSS before: ${mb(rssBefore)}, sampled peak: ${mb(load.peakRss)}, kernel's peak (VmHWM): ${mb(hwm)}`,
  );
  console.log(`  server RSS 2 s after: ${mb(rssAfter)} (target: under ${RSS_TARGET_MB} MB)`);
  console.log(
    `  where it goes, peaks seen in /metrics: V8 heap ${mb(load.peakHeapTotal / 2 ** 20)}, outside the heap ${mb(load.peakExternal / 2 ** 20)}`,
  );
  console.log(`  buffered for streams, peak seen: ${load.peakBuffered} bytes, after: ${after.buffered} bytes`);
  const when = load.allCutAfter === null ? 'not all during the load' : `all by ${load.allCutAfter.toFixed(2)} s`;
  console.log(`  streams cut (taskdesk_event_streams_cut_total): ${after.cut} of ${STREAMS}, ${when}`);
}

async function amplification(server: Server): Promise<void> {
  const body = toolCall(1, { title: 'x', tags: new Array<number>(TAGS).fill(1) });
  let longest = 0;
  let polls = 0;
  let running = true;
  const poll = async () => {
    while (running) {
      const started = performance.now();
      await (await fetch(`${server.origin}/healthz`)).arrayBuffer();
      longest = Math.max(longest, performance.now() - started);
      polls++;
      await sleep(20);
    }
  };
  const poller = poll();
  // Warms the poller's connection; only the latencies while the big call runs count.
  await sleep(200);
  [longest, polls] = [0, 0];
  const started = performance.now();
  const response = await callTool(server, body);
  const answer = Buffer.from(await response.arrayBuffer());
  const ms = performance.now() - started;
  running = false;
  await poller;
  console.log(`\nAmplification: one add_task of ${Buffer.byteLength(body)} bytes with ${TAGS} tags`);
  console.log(`  answer: HTTP ${response.status}, ${answer.length} bytes in ${ms.toFixed(0)} ms`);
  console.log(`  answer begins: ${answer.subarray(0, 200).toString('utf8')}`);
  console.log(
    `  longest /healthz meanwhile: ${longest.toFixed(1)} ms (${polls} answered; one poll at a time, 20 ms apart)`,
  );
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdesk-hostile-'));
  const server = await startServer(dir);
  console.log(`Hostile load against taskdesk serve on SQLite, ${os.cpus().length} cores`);
  try {
    await slowReaders(server);
    await amplification(server);
  } finally {
    server.child.kill('SIGTERM');
    await Promise.race([once(server.child, 'exit'), sleep(5000)]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
