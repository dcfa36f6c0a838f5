/**
 * Part of npm run bench: how long the UI takes to load in Chromium from a
 * local `taskdesk serve` holding 10,000 tasks, from navigation to the first
 * task row on screen, and how many bytes the page pulls. The goal is under a
 * second locally. Prints the median of BENCH_UI_RUNS (default 5) cold loads;
 * asserts nothing.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { chromium, type Browser, type BrowserContextOptions } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, assertChromium } from '../e2e/fixtures/chromium';
import { seedTasksSql } from '../main/testing/seed-tasks';

const BIN = fileURLToPath(new URL('../bin/taskdesk.js', import.meta.url));
const RUNS = Number(process.env.BENCH_UI_RUNS ?? 5);
const TASKS = 10_000;

interface Load {
  shell: number;
  firstRow: number;
  bytes: number;
}

function taskdesk(args: string[]): void {
  const { status, stderr } = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  if (status !== 0) throw new Error(`taskdesk ${args.join(' ')} failed: ${stderr}`);
}

/** One cold load: a fresh context (empty cache) carrying the session cookie, so no sign-in is timed. */
async function loadOnce(
  browser: Browser,
  origin: string,
  session: BrowserContextOptions['storageState'],
): Promise<Load> {
  const context = await browser.newContext({ storageState: session });
  const page = await context.newPage();
  let bytes = 0;
  page.on('response', (response) => {
    void response.body().then(
      (body) => (bytes += body.length),
      () => undefined,
    );
  });
  const started = Date.now();
  await page.goto(origin);
  await page.getByRole('tab', { name: 'Tasks' }).waitFor();
  const shell = Date.now() - started;
  await page.getByRole('list', { name: 'Tasks' }).getByRole('listitem').first().waitFor();
  const firstRow = Date.now() - started;
  await context.close();
  return { shell, firstRow, bytes };
}

async function main(): Promise<void> {
  assertChromium();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdesk-ui-bench-'));
  const db = path.join(dir, 'taskdesk.db');
  taskdesk(['migrate', '--db', db]);
  const sqlite = new Sqlite(db);
  sqlite.exec(seedTasksSql('sqlite', TASKS));
  sqlite.close();

  const server = spawn(process.execPath, [BIN, 'serve', '--json', '--port', '0', '--db', db], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, TASKDESK_LOG_LEVEL: 'warn' },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const runs: Load[] = [];
  try {
    let ready = { uiUrl: '', mcpUrl: '' };
    for await (const line of createInterface({ input: server.stdout })) {
      ready = JSON.parse(line) as typeof ready;
      break;
    }
    const signIn = await browser.newContext();
    const page = await signIn.newPage();
    await page.goto(ready.uiUrl);
    await page.getByRole('tab', { name: 'Tasks' }).waitFor();
    const session = await signIn.storageState();
    await signIn.close();
    const origin = new URL(ready.mcpUrl).origin;
    for (let run = 0; run < RUNS; run++) runs.push(await loadOnce(browser, origin, session));
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  console.log(`\nUI first load in Chromium with ${TASKS} tasks (median of ${RUNS} cold loads, empty cache each):`);
  console.log(`  app shell on screen:  ${median(runs.map((r) => r.shell))} ms`);
  console.log(`  first task row shown: ${median(runs.map((r) => r.firstRow))} ms (goal: under 1000 ms)`);
  console.log(`  bytes transferred:    ${Math.round(median(runs.map((r) => r.bytes)) / 1024)} KiB (uncompressed)`);
}

await main();
