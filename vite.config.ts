import { defineConfig } from 'vite';

// Placeholder until the UI issue: the renderer is built from renderer/ into dist/renderer.
export default defineConfig({
  root: 'renderer',
  build: { outDir: '../dist/renderer', emptyOutDir: true },
});
