// npm run bench: builds the app if it is missing or older than its sources, compiles the
// benchmark (bench/src, TypeScript) with esbuild, and runs it. Writes bench/RESULTS.md.
//
// Environment knobs (all optional): BENCH_QUICK=1 runs a short pass and BENCH_PARTS=weight,page,
// server,cap,realtime,engines,scale,cluster picks parts — or name them as arguments: `npm run bench -- realtime`
// (both for working on the bench itself: they leave bench/RESULTS.md alone, except that a full
// pass of `engines` — SQLite beside PostgreSQL at BENCH_DATABASE_URL, default the test server —,
// of `scale` and of `page` replaces its own section there); BENCH_SKIP_BUILD=1 uses
// dist/ as it is; BENCH_CPU_PROF_DIR=dir profiles the server; BENCH_PAGE_TRACE_DIR=dir records
// each timed page load of part 3 as a Chromium trace.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { freshness, root, runModuleInChild } from '../scripts/freshness.mjs';
// What the bench runs: the embed (loader, runtime, snippet manifest) and the server bundle; the
// dashboard is not measured, so a dashboard mid-rewrite cannot stop a benchmark run. Same
// freshness rule as npm start (scripts/start.mjs), restricted to these outputs and their sources.
const OUTPUTS = ['dist/server/index.js', 'dist/public/loader.js', 'dist/embed-manifest.json'];
const SOURCES = ['server/src', 'loader/src', 'widget-runtime/src', 'package-lock.json', 'scripts'];

const state = process.env.BENCH_SKIP_BUILD === '1' ? 'fresh' : freshness(OUTPUTS, SOURCES);
if (state !== 'fresh') {
  console.log(state === 'missing' ? 'bench: dist/ is missing, building the embed and the server…' : 'bench: sources changed, rebuilding the embed and the server…');
  runModuleInChild("import { buildEmbed } from './scripts/build-embed.mjs'; import { buildServer } from './scripts/build.mjs'; await buildEmbed(); await buildServer();");
}

// Under node_modules/ so the bundle's bare imports (autocannon, playwright-core, ...) resolve
// from the repo's node_modules, and nothing generated lands in the work tree.
const outfile = join(root, 'node_modules/.cache/widgetry-bench/main.mjs');
await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['bench/src/main.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
  plugins: [keepModuleLocation()],
});
await import(pathToFileURL(outfile).href);

// The parts write their tables as they come; the formatter pads them as the committed markdown
// is kept, so a bench run never leaves bench/RESULTS.md failing `npm run lint`.
const formatted = spawnSync(join(root, 'node_modules/.bin/biome'), ['format', '--write', 'bench/RESULTS.md'], { cwd: root, stdio: 'inherit' });
if (formatted.status !== 0) console.warn('bench: could not format bench/RESULTS.md; run `npx biome format --write bench/RESULTS.md`');

/**
 * The bundle reuses tests/e2e/support and server code that find files relative to their own
 * location (import.meta.dirname / .url): give each module its original location back.
 */
function keepModuleLocation() {
  return {
    name: 'keep-module-location',
    setup(build) {
      build.onLoad({ filter: /\.(ts|tsx|mts)$/ }, (args) => {
        if (args.path.includes('/node_modules/')) return undefined;
        const source = readFileSync(args.path, 'utf8')
          .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
          .replaceAll('import.meta.filename', JSON.stringify(args.path))
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
        return { contents: source, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
      });
    },
  };
}
