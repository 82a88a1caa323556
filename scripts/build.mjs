// npm run build: the embed (loader + runtime chunks), the dashboard, and the server bundle.
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { buildEmbed } from './build-embed.mjs';
import { precompress } from './precompress.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** How the server is bundled, here and by `npm run dev`'s watcher. */
export const SERVER_BUILD = {
  // The server, and the entries of `npm run migrate|backup|restore` beside it (the same database code).
  entryPoints: {
    index: `${root}server/src/index.ts`,
    migrate: `${root}server/src/migrate-cli.ts`,
    backup: `${root}server/src/backup-cli.ts`,
    restore: `${root}server/src/restore-cli.ts`,
  },
  outdir: `${root}dist/server`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // node_modules stay external: better-sqlite3 is native and the rest load fine from disk.
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

export async function buildServer() {
  await esbuild(SERVER_BUILD);
}

export async function buildDashboard() {
  await viteBuild({ configFile: `${root}vite.config.ts`, logLevel: 'warn' });
  await precompress(`${root}dist/dashboard/assets`);
}

export async function buildAll() {
  const started = Date.now();
  await buildEmbed();
  await buildDashboard();
  await buildServer();
  console.log(`built embed, dashboard and server in ${Date.now() - started} ms`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildAll();
}
