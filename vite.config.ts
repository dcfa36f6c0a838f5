import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { firstLoadReport } from './scripts/first-load-report.mjs';

// `npm run dev` (scripts/dev.mjs) starts a server and passes its address here for hot reload.
const devApi = process.env.TASKDESK_DEV_API;

export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react(), firstLoadReport()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Each chunk's size, and then the first load's total (scripts/first-load-report.mjs):
    // the one page loads everything at once, so the total is the figure that matters.
    reportCompressedSize: true,
    chunkSizeWarningLimit: 800,
  },
  server: devApi
    ? {
        watch: { ignored: ['**/dist/**', '**/.dev-data/**'] },
        proxy: {
          '/api': {
            target: devApi,
            changeOrigin: true,
            // The server accepts changes only from its own origin. The dev page's origin is
            // translated to it; any other origin passes unchanged, so the server still refuses it.
            configure: (proxy) => {
              proxy.on('proxyReq', (proxyReq, req) => {
                if (req.headers.origin === `http://${req.headers.host ?? ''}`) proxyReq.setHeader('origin', devApi);
              });
            },
          },
        },
      }
    : {},
});
