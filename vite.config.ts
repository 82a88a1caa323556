// Builds the dashboard single-page app, served by the server under /app/.
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'dashboard',
  base: '/app/',
  plugins: [preact()],
  build: { outDir: '../dist/dashboard', emptyOutDir: true },
  server: {
    // npm run dev: the API, loader and demo come from the server on 8787.
    proxy: { '/api': 'http://localhost:8787', '/v1': 'http://localhost:8787', '/rt': 'http://localhost:8787', '/loader.js': 'http://localhost:8787' },
  },
});
