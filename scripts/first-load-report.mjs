// A Vite plugin that ends `vite build` with one line: what a first visit
// downloads (the page, its entry script and styles, and the chunks they
// preload), raw and gzipped. Chromium timing of that load is in
// `npm run bench` (bench/ui-first-load.ts); the goal is under a second locally.
import { gzipSync } from 'node:zlib';

export function firstLoadReport() {
  return {
    name: 'taskdesk-first-load-report',
    apply: 'build',
    writeBundle(_options, bundle) {
      const html = Object.values(bundle).find((item) => item.fileName === 'index.html');
      const initial = Object.values(bundle).filter((item) =>
        item.type === 'asset' ? /\.css$/.test(item.fileName) : item.isEntry || isPreloaded(item, bundle),
      );
      const files = [html, ...initial].filter(Boolean);
      const bytes = files.map((item) => Buffer.from(item.type === 'chunk' ? item.code : item.source));
      const raw = bytes.reduce((sum, b) => sum + b.length, 0);
      const gzip = bytes.reduce((sum, b) => sum + gzipSync(b).length, 0);
      console.log(`\nfirst load: ${files.length} files, ${kib(raw)} KiB raw, ${kib(gzip)} KiB gzipped`);
    },
  };
}

function isPreloaded(chunk, bundle) {
  return Object.values(bundle).some(
    (item) => item.type === 'chunk' && item.isEntry && item.imports.includes(chunk.fileName),
  );
}

const kib = (bytes) => (bytes / 1024).toFixed(0);
