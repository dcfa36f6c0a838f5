import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { besideModule } from '../../module-path';

/**
 * No inline or eval'd script, nothing from other origins, never framed: if
 * an agent manages to get markup into a task, there is nothing it can run.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const UI_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * The built UI: where a packaged app ships it (`shipped`), else beside the CLI
 * bundle (dist/cli -> dist/renderer) or, from sources, in dist/renderer.
 */
export function rendererDir(shipped?: string): string | undefined {
  const candidates = [
    shipped,
    besideModule('../renderer/', import.meta.url),
    besideModule('../../../dist/renderer/', import.meta.url),
  ];
  return candidates.find((dir) => dir !== undefined && fs.existsSync(path.join(dir, 'index.html')));
}

/** Lists the files the build produced; only these are ever served, so no request path reaches the disk. */
function listFiles(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(`/${path.relative(root, full).split(path.sep).join('/')}`, full);
  }
  return files;
}

const RELIST_AFTER_MS = 1000;

/** Serves the UI's static files with its security headers; anything not built is a 404. */
export function createStaticFiles(findRoot: () => string | undefined = rendererDir) {
  let files = new Map<string, string>();
  let listedAt = -Infinity;
  // A build while the server runs replaces the files (new hashed names); a
  // path we do not know prompts a fresh listing, at most once a second.
  function lookup(pathname: string): string | undefined {
    const known = files.get(pathname);
    if (known !== undefined && fs.existsSync(known)) return known;
    if (Date.now() - listedAt > RELIST_AFTER_MS) {
      const root = findRoot();
      files = root ? listFiles(root) : new Map<string, string>();
      listedAt = Date.now();
    }
    return files.get(pathname);
  }

  return {
    /** Whether this path is a UI path at all (the edge answers everything else 404). */
    serves: (pathname: string) => pathname === '/' || lookup(pathname) !== undefined,

    /** Sends the file for GET or HEAD (the edge's route table refuses other methods). */
    async send(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
      const file = lookup(pathname === '/' ? '/index.html' : pathname);
      if (!file) {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', ...UI_HEADERS });
        res.end('The TaskDesk UI has not been built. Run `npm run build`, then reload.');
        return;
      }
      const body = await fs.promises.readFile(file);
      const hashed = pathname.startsWith('/assets/');
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-length': body.length,
        // Built assets carry a content hash in their names; the page itself must always be fresh.
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...UI_HEADERS,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    },
  };
}

export type StaticFiles = ReturnType<typeof createStaticFiles>;
