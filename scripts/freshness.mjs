// The freshness rule npm start, npm run migrate and npm run bench share: build again when an
// output is missing or older than the newest of its sources, in a child process (the build loads
// Vite, which sets NODE_ENV=production in its own process; that must not leak into the server).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

function newestMtime(path) {
  const full = join(root, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(full).map((name) => newestMtime(join(path, name))));
}

/** 'missing', 'stale' or 'fresh': the outputs (paths from the root) against their sources. */
export function freshness(outputs, sources) {
  const full = outputs.map((p) => join(root, p));
  if (full.some((p) => !existsSync(p))) return 'missing';
  const oldestOutput = Math.min(...full.map((p) => statSync(p).mtimeMs));
  return Math.max(...sources.map(newestMtime)) > oldestOutput ? 'stale' : 'fresh';
}

/** Runs an ES module snippet in a child Node process from the root (e.g. a build). */
export function runModuleInChild(code) {
  execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, stdio: 'inherit' });
}
