// npm run migrate: applies the database migrations of the engine the environment names
// (DATABASE_URL: PostgreSQL, else the SQLite file at DATABASE_PATH) and exits. The work is done
// by the server bundle's migrate entry (server/src/migrate-cli.ts), rebuilt first when it is
// missing or older than the server's sources.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = join(root, 'dist/server/migrate.js');
const SOURCES = ['contracts', 'server/src', 'package-lock.json', 'scripts/build.mjs'];

function newestMtime(path) {
  const full = join(root, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(full).map((name) => newestMtime(join(path, name))));
}

if (!existsSync(ENTRY) || Math.max(...SOURCES.map(newestMtime)) > statSync(ENTRY).mtimeMs) {
  // In a child process, as npm start builds: build.mjs loads Vite, which this needs not.
  execFileSync(process.execPath, ['--input-type=module', '-e', "import { buildServer } from './scripts/build.mjs'; await buildServer();"], { cwd: root, stdio: 'inherit' });
}
// Relative paths in the environment (DATABASE_PATH) mean the same as for npm start.
process.chdir(root);
await import(new URL('../dist/server/migrate.js', import.meta.url).href);
