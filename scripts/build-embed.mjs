// Builds the embed: loader.js (IIFE), the code-split runtime rt/*.js (Russian) and rt/en/*.js
// (English), and embed-manifest.json (the install snippet, generated from its single source
// loader/src/snippet.ts).
// Usage: node scripts/build-embed.mjs [outDir]   (default dist/public)
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { precompress } from './precompress.mjs';
import * as esbuild from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES_DIR = join(ROOT, 'widget-runtime/src/types');

/**
 * @param {{ outDir?: string, minify?: boolean }} [options] outDir is resolved from the repo root.
 * @returns {Promise<{ files: { path: string, bytes: number, gzip: number }[], manifest: string,
 *   inputs: { loader: string[], runtime: string[] } }>}
 */
export async function buildEmbed({ outDir = 'dist/public', minify = true } = {}) {
  const out = resolve(ROOT, outDir);
  // Chunk names carry content hashes: clear old ones so stale chunks are never served.
  await rm(join(out, 'rt'), { recursive: true, force: true });
  await mkdir(out, { recursive: true });

  const common = {
    absWorkingDir: ROOT,
    bundle: true,
    minify,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    // Settings are explicit here; the root tsconfig is for type-checking. (The loader has no
    // classes; the runtime sets its own class-field semantics below.)
    tsconfigRaw: {},
  };

  const loader = await esbuild.build({
    ...common,
    entryPoints: ['loader/src/loader.ts'],
    outfile: join(out, 'loader.js'),
    format: 'iife',
    target: 'es2018',
    // import() is ES2020 syntax, but every browser that runs our es2018 output and has
    // ES modules supports it; without this esbuild refuses to emit it for es2018.
    supported: { 'dynamic-import': true },
  });

  const types = (await readdir(TYPES_DIR)).filter((f) => f.endsWith('.tsx'));
  // The runtime twice: Russian in rt/, English in rt/en/ (the loader picks by <html lang>).
  // One language per build keeps the other's strings off the page (widget-runtime/src/shell/i18n.ts).
  /** The runtime's build settings; `en` picks the English strings (widget-runtime/src/shell/i18n.ts). */
  const runtimeOptions = (en) => ({
    ...common,
    format: 'esm',
    splitting: true,
    // ES2022: native class fields (`state = {}` rather than constructor assignments) and
    // `?.`/`??`/`||=` stay as written. Every browser with ES modules and dynamic import
    // from 2021 on parses it; an older one fails the import, and the loader logs once.
    target: 'es2022',
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: true } },
    // Classic JSX through `h` from widget-runtime/src/jsx.ts: fewer bytes.
    jsx: 'transform',
    jsxFactory: 'h',
    jsxFragment: 'Fragment',
    chunkNames: 'chunk-[hash]',
    // Preact's package exports pick its production build; this also drops any dev branch.
    define: { 'process.env.NODE_ENV': '"production"', WIDGETRY_EN: String(en) },
  });
  const runtimes = await Promise.all(
    [
      ['rt', false],
      ['rt/en', true],
    ].map(([dir, en]) =>
      esbuild.build({
        ...runtimeOptions(en),
        // rt/layout.js: the layout manager, which rt/{type}.js imports only where it has work
        // (widget-runtime/src/shell/layout.ts); a stable name, so every page caches one file.
        entryPoints: [
          ...types.map((f) => ({ in: en ? englishOf(join(TYPES_DIR, f)) : join(TYPES_DIR, f), out: basename(f, '.tsx') })),
          { in: 'widget-runtime/src/shell/layout.ts', out: 'layout' },
          // rt/fold.js: a lead form's fold on a phone, imported by a lone widget there or by the layout manager.
          { in: 'widget-runtime/src/shell/fold.ts', out: 'fold' },
          // rt/debug.js: debug mode and the owner's preview, imported by the loader only when asked for.
          { in: 'widget-runtime/src/debug/debug.ts', out: 'debug' },
          // rt/ab.js: the A/B variant draw, imported by the loader only for a site running a test.
          { in: 'widget-runtime/src/ab/ab.ts', out: 'ab' },
          // rt/chat-conversation.js: the chat's server talk, storage and socket, imported by rt/chat.js when opened.
          { in: en ? englishOf('widget-runtime/src/chat/conversation.ts') : 'widget-runtime/src/chat/conversation.ts', out: 'chat-conversation' },
        ],
        outdir: join(out, dir),
        // preact + shell go to a shared chunk that every type reuses
        plugins: [...(en ? [englishModules] : []), jsxScope],
      }),
    ),
  );
  const runtime = runtimes[0];
  // rt/solo/{type}.js (and rt/en/solo/): each type in one file with the shell and Preact, for
  // sites whose widgets are all of one type (the config says so with `rt`, server/src/widgets/embed/config.ts):
  // a page with one form widget then asks for loader, config, one runtime file and the
  // impression beacon, no more. Only what the first frame does not need stays a chunk of its
  // own (the layout manager, the lead submission, a chat's form). A site mixing types keeps the
  // split build above, so one page never runs two copies of the shell.
  const solos = await Promise.all(
    types.flatMap((f) =>
      [
        ['rt', false],
        ['rt/en', true],
      ].map(([dir, en]) =>
        esbuild.build({
          ...runtimeOptions(en),
          entryPoints: [{ in: en ? englishOf(join(TYPES_DIR, f)) : join(TYPES_DIR, f), out: basename(f, '.tsx') }],
          outdir: join(out, dir, 'solo'),
          // V8's explicit compile hint: nearly every function of the file runs while the widget
          // is first drawn, so V8 compiles them all with the script instead of one by one on
          // first call. Two runs each of 12 loads, Chromium 156, loaded machine: a form page's
          // main-thread CPU over the plain page's was 47 and 45 ms with it, 58 and 61 ms without.
          // Other engines read a comment.
          banner: { js: '//# allFunctionsCalledOnLoad' },
          // (Before jsxScope: the first plugin to load a file wins.)
          plugins: [...(en ? [englishModules] : []), ...(FORM_AT_MOUNT.has(basename(f, '.tsx')) ? [staticLeadForm] : []), ...(FOLDS.has(basename(f, '.tsx')) ? [staticFold] : []), jsxScope],
        }),
      ),
    ),
  );

  const manifest = join(dirname(out), 'embed-manifest.json');
  const { installSnippet } = await importSnippetModule();
  await writeFile(manifest, `${JSON.stringify({ snippetTemplate: installSnippet('{{PUBLIC_URL}}', '{{SITE_KEY}}') }, null, 2)}\n`);

  await precompress(out);

  // (The solo builds share an output folder: a chunk two of them emit alike is listed once.)
  const outputs = [...new Set([loader, ...runtimes, ...solos].flatMap((r) => Object.keys(r.metafile.outputs)))];
  const files = await Promise.all(outputs.filter((p) => p.endsWith('.js')).map((p) => sizeOf(resolve(ROOT, p))));
  return {
    // Paths relative to outDir, with "/" on every platform: "loader.js", "rt/form.js".
    files: files.map((f) => ({ ...f, path: relative(out, f.path).split('\\').join('/') })),
    manifest,
    inputs: { loader: Object.keys(loader.metafile.inputs), runtime: Object.keys(runtime.metafile.inputs) },
  };
}

/** The line that brings `h` and `Fragment` into a .tsx module's scope. */
const JSX_SCOPE = `import { h, Fragment } from ${JSON.stringify(join(ROOT, 'widget-runtime/src/jsx.ts'))};\n`;

/**
 * Puts `h` and `Fragment` in scope of every runtime .tsx file (an unused one is dropped, as any
 * unused import of a TypeScript file). Not esbuild's `inject`, which imports them into every
 * module: a dynamically imported chunk without JSX (the layout manager) would then reach
 * preact too, and splitting would cut preact off the shell into a chunk of its own.
 */
const jsxScope = {
  name: 'jsx-scope',
  setup(build) {
    build.onLoad({ filter: /widget-runtime[\\/]src[\\/].*\.tsx$/ }, async ({ path }) => ({
      contents: JSX_SCOPE + (await readFile(path, 'utf8')),
      loader: 'tsx',
    }));
  },
};

/**
 * The English build only: a runtime module `x.ts` with a sibling `x.en.ts` is replaced by it
 * (every import of `./x.js` but the sibling's own). What the English build does differently
 * beyond its strings (the consent labels and the `lang` a lead says, form/lead-form.en.ts)
 * lives there, not behind WIDGETRY_EN in shared source: esbuild picks the minified names by the
 * character frequency of each bundled file's source, dead branches included, so such code
 * reshuffled the Russian build's names and grew its lead chunk by 3 B gzip past its budget.
 */
const englishModules = {
  name: 'english-modules',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/.*\.js$/ }, ({ path, importer, resolveDir }) => {
      if (!importer.startsWith(RUNTIME_DIR)) return undefined;
      const english = resolve(resolveDir, path).replace(/\.js$/, '.en.ts');
      // (A .tsx module's English one is a .ts too: it wraps, and draws no JSX of its own.)
      return english !== importer && existsSync(english) ? { path: english } : undefined;
    });
  },
};
const RUNTIME_DIR = join(ROOT, 'widget-runtime/src');
/** An entry point's English module, if it has one (entries do not pass through englishModules' filter). */
const englishOf = (entry) => {
  const english = entry.replace(/\.tsx?$/, '.en.ts');
  return existsSync(resolve(ROOT, english)) ? english : entry;
};

/** Types whose mount() awaits the lead form before its first frame (form/lazy-lead-form.tsx). */
const FORM_AT_MOUNT = new Set(['popup', 'callback', 'quiz']);

/**
 * In their rt/solo/ file the lead form comes along statically, instead of as a chunk fetched
 * at mount: the first frame needs it anyway, and a one-type page saves that request.
 */
const staticLeadForm = {
  name: 'static-lead-form',
  setup(build) {
    build.onLoad({ filter: /widget-runtime[\\/]src[\\/]form[\\/]lazy-lead-form\.tsx$/ }, async ({ path }) => {
      const dynamic = "await import('../types/form.js')";
      const source = await readFile(path, 'utf8');
      if (!source.includes(dynamic)) throw new Error(`static-lead-form: ${path} no longer has ${dynamic}`);
      return {
        // Named imports, not a namespace: esbuild's namespace helper would become a chunk of its own.
        contents: `${JSX_SCOPE}import { LeadForm as L$, formSheet as S$ } from '../types/form.js';\n${source.replace(dynamic, '{ LeadForm: L$, formSheet: S$ }')}`,
        loader: 'tsx',
      };
    });
  },
};

/** Types whose card starts folded on a phone (widget-runtime/src/shell/fold.ts). */
const FOLDS = new Set(['form', 'quiz']);

/**
 * In their rt/solo/ file the fold comes along statically, instead of as a chunk fetched at
 * mount on a phone: a site of one such widget has no layout manager to fetch, so its phone page
 * is its desktop page (~0.4 KB gzip more in the file, against ~0.7 KB for the chunk alone and one
 * request less; README "Embed sizes").
 */
const staticFold = {
  name: 'static-fold',
  setup(build) {
    build.onLoad({ filter: /widget-runtime[\\/]src[\\/]shell[\\/]mount-widget\.tsx$/ }, async ({ path }) => {
      const dynamic = "import('./fold.js')";
      const source = await readFile(path, 'utf8');
      if (!source.includes(dynamic)) throw new Error(`static-fold: ${path} no longer has ${dynamic}`);
      return {
        // A named import, not a namespace (see staticLeadForm).
        contents: `${JSX_SCOPE}import { place as P$ } from './fold.js';\n${source.replace(dynamic, 'Promise.resolve({ place: P$ })')}`,
        loader: 'tsx',
      };
    });
  },
};

/** snippet.ts has no imports: bundle it in memory and import it from a data: URL. */
async function importSnippetModule() {
  const { outputFiles } = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['loader/src/snippet.ts'],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
  });
  const code = outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

async function sizeOf(path) {
  const buf = await readFile(path);
  return { path, bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { files } = await buildEmbed({ outDir: process.argv[2] });
  for (const f of files) console.log(`${f.path.padEnd(28)} ${String(f.bytes).padStart(7)} B  ${String(f.gzip).padStart(6)} B gzip`);
}
