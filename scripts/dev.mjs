// npm run dev: rebuilds the server and the embed on change and restarts the server
// (port 8787); the dashboard runs on Vite's dev server (port 5173) with hot reload,
// proxying the API to 8787.
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { context } from 'esbuild';
import { createServer } from 'vite';
import { buildEmbed } from './build-embed.mjs';
import { SERVER_BUILD } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

await buildEmbed();
let pending;
for (const dir of ['loader/src', 'widget-runtime/src']) {
  watch(`${root}${dir}`, { recursive: true }, () => {
    clearTimeout(pending);
    pending = setTimeout(
      () =>
        buildEmbed().then(
          () => console.log('[dev] embed rebuilt'),
          (e) => console.error('[dev] embed build failed', e),
        ),
      100,
    );
  });
}

const serverBuild = await context({ ...SERVER_BUILD, logLevel: 'info' });
await serverBuild.rebuild();
await serverBuild.watch();

// A try on this machine: mail without SMTP_URL is readable at /dev/outbox (off unless switched on).
const env = { ...process.env, DEV_OUTBOX: process.env.DEV_OUTBOX ?? 'on' };
const server = spawn(process.execPath, ['--enable-source-maps', '--watch-path=dist/server', 'dist/server/index.js'], { cwd: root, stdio: 'inherit', env });
const vite = await createServer({ configFile: `${root}vite.config.ts` });
await vite.listen(5173);
console.log('[dev] dashboard with hot reload: http://localhost:5173/app/');

const stop = async () => {
  server.kill('SIGTERM');
  await Promise.all([serverBuild.dispose(), vite.close()]);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
