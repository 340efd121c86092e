import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// The server's Content-Security-Policy allows only scripts from the page's own
// origin: no inline script, so no module-preload polyfill injected inline.
export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      output: {
        // ECharts in two chunks, both fetched only with the pages that draw
        // (not with the sign-in page): the charts of the dashboard, and the
        // map series with its geographic coordinates for the map page.
        manualChunks(id: string) {
          if (!/node_modules\/(echarts|zrender)\//.test(id)) return undefined;
          if (/echarts\/lib\/(chart\/map|coord\/geo|component\/geo)/.test(id)) return 'charts-map';
          return 'charts';
        },
      },
    },
  },
  server: {
    // npm run dev: the API of a `danso serve` running on 127.0.0.1:8090.
    proxy: { '/api': 'http://127.0.0.1:8090' },
  },
});
