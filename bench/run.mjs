// npm run bench: builds the app if it is missing or older than its sources, compiles the
// benchmark (bench/src, TypeScript) with esbuild, and runs it. Writes bench/RESULTS.md.
//
// Environment knobs (all optional): BENCH_QUICK=1 runs a short pass and BENCH_PARTS=weight,page,
// server,cap,realtime picks parts — or name them as arguments: `npm run bench -- realtime` (both
// for working on the bench itself: they leave bench/RESULTS.md alone); BENCH_SKIP_BUILD=1 uses
// dist/ as it is; BENCH_CPU_PROF_DIR=dir profiles the server.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
// What the bench runs: the embed (loader, runtime, snippet manifest) and the server bundle; the
// dashboard is not measured, so a dashboard mid-rewrite cannot stop a benchmark run. Same
// freshness rule as npm start (scripts/start.mjs), restricted to these outputs and their sources.
const OUTPUTS = ['dist/server/index.js', 'dist/public/loader.js', 'dist/embed-manifest.json'];
const SOURCES = ['server/src', 'loader/src', 'widget-runtime/src', 'package-lock.json', 'scripts'];

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
if (process.env.BENCH_SKIP_BUILD !== '1' && (missing || Math.max(...SOURCES.map(newestMtime)) > oldestOutput)) {
  console.log(missing ? 'bench: dist/ is missing, building the embed and the server…' : 'bench: sources changed, rebuilding the embed and the server…');
  // In a child process, as npm start does: the build scripts load Vite, which may set
  // NODE_ENV=production in its process.
  const build = "import { buildEmbed } from './scripts/build-embed.mjs'; import { buildServer } from './scripts/build.mjs'; await buildEmbed(); await buildServer();";
  execFileSync(process.execPath, ['--input-type=module', '-e', build], { cwd: root, stdio: 'inherit' });
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
