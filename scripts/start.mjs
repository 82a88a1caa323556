// npm start: build whatever is missing or older than its sources, then run the server
// (migrations run at server start).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const OUTPUTS = ['dist/server/index.js', 'dist/public/loader.js', 'dist/dashboard/index.html', 'dist/embed-manifest.json'];
const SOURCES = ['contracts', 'server/src', 'loader/src', 'widget-runtime/src', 'dashboard', 'package-lock.json', 'vite.config.ts', 'scripts'];

function newestMtime(path) {
  const full = join(root, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(full).map((name) => newestMtime(join(path, name))));
}

const outputs = OUTPUTS.map((p) => join(root, p));
const missing = outputs.some((p) => !existsSync(p));
const oldestOutput = missing ? 0 : Math.min(...outputs.map((p) => statSync(p).mtimeMs));
if (missing || Math.max(...SOURCES.map(newestMtime)) > oldestOutput) {
  console.log(missing ? 'First start: building…' : 'Sources changed: rebuilding…');
  // In a child process: Vite's build sets NODE_ENV=production in its own process, which must
  // not leak into the server started below (it would switch the dev outbox and demo off).
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
}
process.chdir(root);
await import(new URL('../dist/server/index.js', import.meta.url).href);
