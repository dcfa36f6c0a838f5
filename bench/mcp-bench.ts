/**
 * npm run bench: loads tools/call for add_task and list_tasks (with 10,000
 * tasks present) at 1, 8 and 64 connections against `taskdesk serve`, as a
 * 2025-era (initialize) client and as a 2026-07-28 client (per-request _meta
 * and mirrored headers) sends it, and against the floor
 * (bench/floor-server.ts), and prints requests/s, p50 and
 * p99 latency, server CPU time per request, errors, timeouts and resident
 * memory, with each figure's ratio to the floor. It asserts nothing: it reports.
 *
 * Options (env): BENCH_SECONDS (default 5 per run), BENCH_RUNS (default 3;
 * medians are reported), BENCH_CONNECTIONS (default "1,8,64"),
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
// Three runs by default: on a shared host one run can land 15 points either side of the median.
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,8,64').split(',').map(Number);
// Narrowing to one tool or one era keeps a profile (BENCH_NODE_FLAGS=--cpu-prof) to what is being looked at.
const listOf = (name: string, fallback: string, allowed: readonly string[]): string[] => {
  const values = (process.env[name] ?? fallback).split(',').map((value) => value.trim());
  const unknown = values.filter((value) => !allowed.includes(value));
  if (unknown.length > 0) throw new Error(`${name}: ${unknown.join(', ')} is not one of ${allowed.join(', ')}`);
  return values;
};
const TOOLS = listOf('BENCH_TOOLS', 'list_tasks,add_task', ['list_tasks', 'add_task']);
const ERAS = listOf('BENCH_ERAS', 'legacy,modern', ['legacy', 'modern']);
const SEEDED_TASKS = 10_000;
// Node flags for the TaskDesk server process only, e.g. "--max-semi-space-size=2".
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);

interface Target {
  name: string;
  port: number;
  child: ChildProcess;
  headers: (tool: string) => Record<string, string>;
  body: (tool: string, i: number) => string;
}

interface Figures {
  rps: number;
  /** Server CPU time (user + system, all threads) per request served, in microseconds. */
  cpuUs: number;
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

/** CPU time the process has used so far, user and system, in ms (Linux /proc; clock ticks are 1/100 s). */
function cpuMs(pid: number | undefined): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssMb(pid: number | undefined): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

const MODERN_META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'bench', version: '1.0.0' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

function legacyBody(tool: string, i: number): string {
  const args = tool === 'add_task' ? { title: `bench task ${i}` } : {};
  return JSON.stringify({ jsonrpc: '2.0', id: i, method: 'tools/call', params: { name: tool, arguments: args } });
}

function modernBody(tool: string, i: number): string {
  const args = tool === 'add_task' ? { title: `bench task ${i}` } : {};
  const params = { name: tool, arguments: args, _meta: MODERN_META };
  return JSON.stringify({ jsonrpc: '2.0', id: i, method: 'tools/call', params });
}

async function load(target: Target, tool: string, connections: number): Promise<Figures> {
  let counter = 0;
  const cpuBefore = cpuMs(target.child.pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}/mcp`,
    method: 'POST',
    connections,
    duration: SECONDS,
    timeout: 10,
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...target.headers(tool),
    },
    requests: [{ setupRequest: (request) => ({ ...request, body: target.body(tool, ++counter) }) }],
  });
  return {
    rps: Math.round(result.requests.average),
    cpuUs: Math.round(((cpuMs(target.child.pid) - cpuBefore) * 1000) / Math.max(1, result.requests.total)),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    rssMb: rssMb(target.child.pid),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Each figure's median over the runs; errors, timeouts and memory are the worst run's, since one bad run matters. */
function summarize(runs: Figures[]): Figures {
  const mid = (pick: (figures: Figures) => number) => median(runs.map(pick));
  const worst = (pick: (figures: Figures) => number) => Math.max(...runs.map(pick));
  return {
    rps: Math.round(mid((f) => f.rps)),
    cpuUs: Math.round(mid((f) => f.cpuUs)),
    p50: mid((f) => f.p50),
    p99: mid((f) => f.p99),
    errors: worst((f) => f.errors),
    timeouts: worst((f) => f.timeouts),
    non2xx: worst((f) => f.non2xx),
    rssMb: worst((f) => f.rssMb),
  };
}

/**
 * The median of the runs' own ratios: each TaskDesk run is paired with the
 * floor run next to it, so a machine that slows down or speeds up during the
 * bench (shared hosts do) moves both sides of a ratio together.
 */
function pairedRatio(ours: Figures[], floor: Figures[], pick: (figures: Figures) => number): number {
  return median(ours.map((figures, i) => pick(figures) / Math.max(1e-9, pick(floor[i] ?? figures))));
}

/** One `taskdesk serve`, loaded as each era's client loads it. */
async function startTaskDesk(dir: string): Promise<{ legacy: Target; modern: Target }> {
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
  const authorization = `Bearer ${token}`;
  return {
    legacy: {
      name: 'legacy',
      port,
      child,
      headers: () => ({ authorization, 'mcp-protocol-version': '2025-11-25' }),
      body: legacyBody,
    },
    modern: {
      name: 'modern',
      port,
      child,
      headers: (tool) => ({
        authorization,
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': 'tools/call',
        'mcp-name': tool,
      }),
      body: modernBody,
    },
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
  return { name: 'floor', port, child, headers: () => ({}), body: legacyBody };
}

function report(tool: string, era: string, connections: number, ours: Figures[], theirs: Figures[]): void {
  const a = summarize(ours);
  const b = summarize(theirs);
  const rpsShare = `${Math.round(pairedRatio(ours, theirs, (f) => f.rps) * 100)}%`;
  const p99x = b.p99 === 0 ? 'n/a' : `${pairedRatio(ours, theirs, (f) => f.p99).toFixed(2)}x`;
  const cpuX = `${pairedRatio(ours, theirs, (f) => f.cpuUs).toFixed(2)}x`;
  const us = (value: number) => `${value}us`;
  console.log(
    `${tool.padEnd(11)} ${era.padEnd(6)} ${String(connections).padStart(5)} | ${String(a.rps).padStart(12)} ${String(a.p50).padStart(6)} ${String(a.p99).padStart(6)} ${us(a.cpuUs).padStart(8)} ${String(a.errors).padStart(4)} ${String(a.timeouts).padStart(4)} ${String(a.non2xx).padStart(7)} ${String(a.rssMb).padStart(6)} | ${String(b.rps).padStart(9)} ${String(b.p50).padStart(6)} ${String(b.p99).padStart(6)} ${us(b.cpuUs).padStart(8)} | ${rpsShare.padStart(5)} ${p99x.padStart(6)} ${cpuX.padStart(6)}`,
  );
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdesk-bench-'));
  const eras = await startTaskDesk(dir);
  const floor = await startFloor(dir);
  console.log(
    `TaskDesk bench: ${SECONDS}s per run, median of ${RUNS} run(s), ${SEEDED_TASKS} tasks seeded, ${os.cpus().length} cores`,
  );
  console.log(
    'tool        era    conns | TaskDesk rps  p50ms  p99ms  cpu/req  err  t/o  non2xx  rssMB | floor rps  p50ms  p99ms  cpu/req | rps%   p99x  cpu x',
  );
  try {
    for (const tool of TOOLS) {
      for (const connections of CONNECTIONS) {
        const ours: Record<string, Figures[]> = { legacy: [], modern: [] };
        const theirs: Figures[] = [];
        for (let i = 0; i < RUNS; i++) {
          // Rotating who goes first keeps a steady drift from always favouring one side.
          const order = [eras.legacy, eras.modern, floor].filter(
            (target) => target === floor || ERAS.includes(target.name),
          );
          for (let turn = 0; turn < order.length; turn++) {
            const target = order[(turn + i) % order.length] ?? floor;
            const figures = await load(target, tool, connections);
            if (target === floor) theirs.push(figures);
            else ours[target.name]?.push(figures);
          }
        }
        for (const era of [eras.legacy, eras.modern].filter((target) => ERAS.includes(target.name)))
          report(tool, era.name, connections, ours[era.name] ?? [], theirs);
      }
    }
    console.log(
      `TaskDesk peak resident memory: ${Math.round(Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${eras.legacy.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024)} MB`,
    );
  } finally {
    eras.legacy.child.kill('SIGTERM');
    floor.child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
