/**
 * npm run bench: loads tools/call for add_task and list_tasks (with 10,000
 * tasks present) at 1, 8 and 64 connections against `taskdesk serve` and
 * against the floor (bench/floor-server.ts), and prints requests/s, p50 and
 * p99 latency, errors, timeouts and resident memory, with each figure's ratio
 * to the floor. It asserts nothing: it reports.
 *
 * Options (env): BENCH_SECONDS (default 5 per run), BENCH_RUNS (default 1;
 * the median run is reported), BENCH_CONNECTIONS (default "1,8,64"),
 * BENCH_NODE_FLAGS (node flags for the TaskDesk server).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Sqlite from 'better-sqlite3';
import { seedTasksSql } from '../main/testing/seed-tasks';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'taskdesk.js');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,8,64').split(',').map(Number);
const SEEDED_TASKS = 10_000;
// Node flags for the TaskDesk server process only, e.g. "--max-semi-space-size=2".
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);

interface Target {
  name: string;
  port: number;
  child: ChildProcess;
  headers: Record<string, string>;
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  rssMb: number;
}

function run(args: string[], env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
}

/** Inserts tasks straight into the file, as the floor and TaskDesk would store them. */
function seed(file: string, count: number): void {
  const db = new Sqlite(file);
  db.exec(seedTasksSql('sqlite', count));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

async function firstJsonLine(child: ChildProcess): Promise<{ port: number }> {
  if (!child.stdout) throw new Error('child has no stdout');
  for await (const line of createInterface({ input: child.stdout })) return JSON.parse(line) as { port: number };
  throw new Error('process ended before it was ready');
}

function rssMb(pid: number | undefined): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function body(tool: string, i: number): string {
  const args = tool === 'add_task' ? { title: `bench task ${i}` } : {};
  return JSON.stringify({ jsonrpc: '2.0', id: i, method: 'tools/call', params: { name: tool, arguments: args } });
}

async function load(target: Target, tool: string, connections: number): Promise<Figures> {
  let counter = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}/mcp`,
    method: 'POST',
    connections,
    duration: SECONDS,
    timeout: 10,
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...target.headers },
    requests: [{ setupRequest: (request) => ({ ...request, body: body(tool, ++counter) }) }],
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    rssMb: rssMb(target.child.pid),
  };
}

function median(runs: Figures[]): Figures {
  const sorted = [...runs].sort((a, b) => a.rps - b.rps);
  return sorted[Math.floor(sorted.length / 2)] as Figures;
}

async function startTaskDesk(dir: string): Promise<Target> {
  const db = path.join(dir, 'taskdesk.db');
  run(['migrate', '--db', db]);
  seed(db, SEEDED_TASKS);
  const token = (JSON.parse(run(['token', 'create', '--label', 'Bench', '--json', '--db', db])) as { token: string })
    .token;
  const child = spawn(process.execPath, [...NODE_FLAGS, BIN, 'serve', '--json', '--port', '0', '--db', db], {
    env: { ...process.env, TASKDESK_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { port } = await firstJsonLine(child);
  return {
    name: 'TaskDesk',
    port,
    child,
    headers: { authorization: `Bearer ${token}`, 'mcp-protocol-version': '2025-11-25' },
  };
}

async function startFloor(dir: string): Promise<Target> {
  const db = path.join(dir, 'floor.db');
  run(['migrate', '--db', db]);
  seed(db, SEEDED_TASKS);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'floor-server.ts'), db], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { port } = await firstJsonLine(child);
  return { name: 'floor', port, child, headers: {} };
}

const ratio = (value: number, floor: number) => (floor === 0 ? 'n/a' : `${Math.round((value / floor) * 100)}%`);

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdesk-bench-'));
  const taskdesk = await startTaskDesk(dir);
  const floor = await startFloor(dir);
  console.log(
    `TaskDesk bench: ${SECONDS}s per run, median of ${RUNS} run(s), ${SEEDED_TASKS} tasks seeded, ${os.cpus().length} cores`,
  );
  console.log(
    'tool        conns | TaskDesk rps  p50ms  p99ms  err  t/o  non2xx  rssMB | floor rps  p50ms  p99ms | rps%   p99x',
  );
  try {
    for (const tool of ['list_tasks', 'add_task']) {
      for (const connections of CONNECTIONS) {
        const ours: Figures[] = [];
        const theirs: Figures[] = [];
        for (let i = 0; i < RUNS; i++) {
          ours.push(await load(taskdesk, tool, connections));
          theirs.push(await load(floor, tool, connections));
        }
        const a = median(ours);
        const b = median(theirs);
        const p99x = b.p99 === 0 ? 'n/a' : `${(a.p99 / b.p99).toFixed(2)}x`;
        console.log(
          `${tool.padEnd(11)} ${String(connections).padStart(5)} | ${String(a.rps).padStart(12)} ${String(a.p50).padStart(6)} ${String(a.p99).padStart(6)} ${String(a.errors).padStart(4)} ${String(a.timeouts).padStart(4)} ${String(a.non2xx).padStart(7)} ${String(a.rssMb).padStart(6)} | ${String(b.rps).padStart(9)} ${String(b.p50).padStart(6)} ${String(b.p99).padStart(6)} | ${ratio(a.rps, b.rps).padStart(5)} ${p99x.padStart(6)}`,
        );
      }
    }
    console.log(
      `TaskDesk peak resident memory: ${Math.round(Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${taskdesk.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024)} MB`,
    );
  } finally {
    taskdesk.child.kill('SIGTERM');
    floor.child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
