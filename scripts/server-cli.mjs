// npm run backup | restore: runs one of the server bundle's command entries (dist/server/NAME.js,
// from server/src/NAME-cli.ts), rebuilding the server bundle first when it is missing or older
// than the server's sources, as npm run migrate does. `node scripts/server-cli.mjs NAME [args…]`.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { freshness, root, runModuleInChild } from './freshness.mjs';

const name = process.argv[2];
if (!['backup', 'restore'].includes(name)) {
  console.error('usage: node scripts/server-cli.mjs backup|restore [args]');
  process.exit(2);
}
const SOURCES = ['contracts', 'server/src', 'package-lock.json', 'scripts/build.mjs'];
if (freshness([`dist/server/${name}.js`], SOURCES) !== 'fresh') {
  runModuleInChild("import { buildServer } from './scripts/build.mjs'; await buildServer();");
}
// The entry reads its own arguments from argv[2] on, as if it had been run directly. A file named
// on the command line means what it meant where npm was run (INIT_CWD); relative paths in the
// environment (DATABASE_PATH, BACKUP_DIR) mean the same as for npm start.
process.argv.splice(2, 1);
const cwd = process.env.INIT_CWD ?? process.cwd();
process.argv = process.argv.map((a, i) => (i >= 2 && !a.startsWith('-') && existsSync(resolve(cwd, a)) ? resolve(cwd, a) : a));
process.chdir(root);
await import(new URL(`../dist/server/${name}.js`, import.meta.url).href);
