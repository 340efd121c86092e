import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { offlineShell } from './offline-shell.mjs';

// The server's Content-Security-Policy allows only scripts from the page's own
// origin: no inline script, so no module-preload polyfill injected inline.
export default defineConfig({
  plugins: [preact(), offlineShell()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      output: {
        // ECharts in a chunk of its own, fetched only with the pages that
        // draw (not with the sign-in page).
        manualChunks: { charts: ['echarts/core', 'echarts/charts', 'echarts/components', 'echarts/renderers'] },
      },
    },
  },
  server: {
    // npm run dev: the API of a `danso serve` running on 127.0.0.1:8090.
    proxy: { '/api': 'http://127.0.0.1:8090' },
  },
});
