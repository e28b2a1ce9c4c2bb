import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The H5 mini-app's front-end build: the pages in src/web/public bundled into dist/web, served by
 * the service at /app/. Page modules load lazily (one chunk per page); ECharts stays a separate
 * vendor file the service serves from node_modules, loaded only when the first chart is drawn.
 */
export default defineConfig({
  root: resolve(import.meta.dirname, 'src/web/public'),
  base: '/app/',
  logLevel: 'warn',
  build: {
    outDir: resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: true,
  },
});
