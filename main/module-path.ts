import { fileURLToPath } from 'node:url';

/**
 * The absolute path of a file next to a module: `besideModule('./x.mjs', import.meta.url)`.
 * Not written inline as `new URL('./x', import.meta.url)` on purpose: Vite
 * rewrites that exact pattern into a web asset URL when the module is bundled
 * or tested under jsdom, and the path would then point at an http: address.
 */
export function besideModule(relative: string, moduleUrl: string): string {
  return fileURLToPath(new URL(relative, moduleUrl).href);
}
