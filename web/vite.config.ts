import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The app server `npm run dev` proxies to (the API, the event stream, the widget). */
const apiTarget = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    // Every language except English is loaded on demand; the initial chunk stays small. The one
    // chunk over 600 kB is ECharts (~610 kB, ~200 kB gzipped), loaded only by dashboard charts.
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    // Host and Origin stay the dev server's, so the API's same-origin (CSRF) check passes.
    proxy: {
      '/api': { target: apiTarget, ws: true },
      '/widget.js': { target: apiTarget },
      '/s/': { target: apiTarget },
    },
  },
});
