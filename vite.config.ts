// Builds the dashboard single-page app, served by the server under /app/, the page of the
// widget editor's live preview (preview.html, a frame that runs the real built runtime), and the
// public product page (product/, served at / and /en); public/ holds the favicon.
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

/** What every page we build starts its head with, written here once: the charset (within the first 1,024 bytes) and the phone viewport. */
const pageBasics = (): Plugin => ({
  name: 'page-basics',
  transformIndexHtml: () => [
    { tag: 'meta', attrs: { charset: 'utf-8' }, injectTo: 'head-prepend' },
    { tag: 'meta', attrs: { name: 'viewport', content: 'width=device-width, initial-scale=1' }, injectTo: 'head-prepend' },
  ],
});

export default defineConfig({
  root: 'dashboard',
  base: '/app/',
  plugins: [pageBasics(), preact()],
  build: {
    outDir: '../dist/dashboard',
    emptyOutDir: true,
    // The size test reads it to find what the first load pulls in.
    manifest: true,
    rollupOptions: {
      input: { index: 'dashboard/index.html', preview: 'dashboard/preview.html', product: 'dashboard/product/index.html', productEn: 'dashboard/product/en.html' },
    },
  },
  server: {
    // npm run dev: the API, loader and demo come from the server on 8787.
    proxy: { '/api': 'http://localhost:8787', '/v1': 'http://localhost:8787', '/rt': 'http://localhost:8787', '/loader.js': 'http://localhost:8787' },
  },
});
