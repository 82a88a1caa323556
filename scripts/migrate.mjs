// npm run migrate: applies the database migrations of the engine the environment names
// (DATABASE_URL: PostgreSQL, else the SQLite file at DATABASE_PATH) and exits. The work is done
// by the server bundle's migrate entry (server/src/migrate-cli.ts), rebuilt first when it is
// missing or older than the server's sources — except in production (NODE_ENV=production),
// which runs what `npm run build` made.
import { freshness, root, runModuleInChild } from './freshness.mjs';

const SOURCES = ['contracts', 'server/src', 'package-lock.json', 'scripts/build.mjs'];

const state = freshness(['dist/server/migrate.js'], SOURCES);
if (process.env.NODE_ENV === 'production') {
  // Production never builds here: the build is `npm run build`, once, where the dev tools are.
  if (state === 'missing') {
    console.error('dist/server/migrate.js is missing: run `npm run build` first');
    process.exit(1);
  }
} else if (state !== 'fresh') {
  runModuleInChild("import { buildServer } from './scripts/build.mjs'; await buildServer();");
}
// Relative paths in the environment (DATABASE_PATH) mean the same as for npm start.
process.chdir(root);
await import(new URL('../dist/server/migrate.js', import.meta.url).href);
