// npm start: build whatever is missing or older than its sources, then run the server
// (migrations run at server start). The development path: production builds once
// (`npm run build`), migrates as its own step (`npm run migrate`) and runs `npm run serve`.
import { freshness, root, runModuleInChild } from './freshness.mjs';

const OUTPUTS = ['dist/server/index.js', 'dist/public/loader.js', 'dist/dashboard/index.html', 'dist/embed-manifest.json'];
const SOURCES = ['contracts', 'server/src', 'loader/src', 'widget-runtime/src', 'dashboard', 'package-lock.json', 'vite.config.ts', 'scripts'];

const state = freshness(OUTPUTS, SOURCES);
if (state !== 'fresh') {
  console.log(state === 'missing' ? 'First start: building…' : 'Sources changed: rebuilding…');
  // In a child process: Vite's build sets NODE_ENV=production in its own process, which must
  // not leak into the server started below (it would switch the dev outbox and demo off).
  runModuleInChild("import { buildAll } from './scripts/build.mjs'; await buildAll();");
}
process.chdir(root);
// npm start is the try on this machine: mail without SMTP_URL is readable at /dev/outbox, which is
// off unless switched on. Production runs `npm run serve` (the built server, nothing switched on).
if (process.env.NODE_ENV !== 'production') process.env.DEV_OUTBOX ??= 'on';
await import(new URL('../dist/server/index.js', import.meta.url).href);
