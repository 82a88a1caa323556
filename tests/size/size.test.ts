// Size budgets of the embed (gzip level 9, each file gzipped alone as it is served).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEmbed, type BuildEmbedResult } from '../../scripts/build-embed.mjs';
import { installSnippet } from '../../loader/src/snippet.js';
import type { EmbedConfig } from '../../server/src/contracts/embed.js';

const LOADER_BUDGET = 1536;
const FORM_PAGE_BUDGET = 12288;
/** Per built file of the runtime; the shared chunk is preact + the shell. */
const CHUNK_BUDGETS = { 'rt/form.js': 3584, 'rt/banner.js': 768, shared: 7168 };

/** A realistic config for a page with one form widget of three fields and the badge. */
const FORM_CONFIG: EmbedConfig = {
  site: 'k_4f9a2c7d1e',
  badge: { text: 'Сделано на Widgetry', url: 'http://localhost:8787/?utm_source=badge' },
  widgets: [
    {
      id: 'wdg_8h2k4m6n9p',
      type: 'form',
      position: 'bottom-right',
      colors: { background: '#ffffff', text: '#1f2937', accent: '#2563eb' },
      urlRule: { match: 'any', value: '' },
      content: {
        title: 'Получите консультацию',
        text: 'Оставьте контакты — перезвоним в течение 15 минут.',
        fields: [
          { key: 'name', kind: 'name', label: 'Имя', required: true },
          { key: 'phone', kind: 'phone', label: 'Телефон', required: true, placeholder: '+7 900 123-45-67' },
          { key: 'email', kind: 'email', label: 'E-mail', required: false },
        ],
        submitText: 'Отправить',
        successText: 'Спасибо! Мы скоро свяжемся с вами.',
        consentUrl: 'https://shop.example/consent',
        privacyUrl: 'https://shop.example/privacy',
        marketingConsent: false,
      },
      consentText: 'Я даю согласие на обработку моих персональных данных',
    },
  ],
};

/** Static `import … from "./x.js"` / `import "./x.js"` at statement starts; not `import(`. */
const STATIC_IMPORT = /(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?["']([^"']+)["']/g;

let dir: string;
let outDir: string;
let built: BuildEmbedResult;

const gzip = (data: string | Buffer) => gzipSync(data, { level: 9 }).length;
const read = (rel: string) => readFile(join(outDir, rel));

/** The file plus every file it statically imports, transitively (paths relative to outDir). */
async function staticClosure(entry: string): Promise<string[]> {
  const seen = new Set([entry]);
  const todo = [entry];
  for (let file = todo.pop(); file; file = todo.pop()) {
    for (const [, spec] of (await read(file)).toString().matchAll(STATIC_IMPORT)) {
      const dep = posix.join(posix.dirname(file), spec!);
      if (!seen.has(dep)) seen.add(dep), todo.push(dep);
    }
  }
  return [...seen];
}

async function pageBytes(files: string[], config: EmbedConfig) {
  let total = gzip(JSON.stringify(config));
  for (const f of files) total += gzip(await read(f));
  return total;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'widgetry-size-'));
  outDir = join(dir, 'public');
  built = await buildEmbed({ outDir });
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('embed size budgets', () => {
  it('reports every built file', () => {
    for (const f of built.files) console.log(`[size] ${f.path.padEnd(24)} ${String(f.bytes).padStart(6)} B raw ${String(f.gzip).padStart(6)} B gzip`);
    expect(built.files.map((f) => f.path)).toEqual(expect.arrayContaining(['loader.js', 'rt/form.js', 'rt/banner.js']));
  });

  it(`loader.js ≤ ${LOADER_BUDGET} B gzipped`, async () => {
    const size = gzip(await read('loader.js'));
    console.log(`[size] loader.js: ${size} B gzip (budget ${LOADER_BUDGET})`);
    expect(size).toBeLessThanOrEqual(LOADER_BUDGET);
  });

  it('each runtime file is within its budget', () => {
    for (const f of built.files.filter((f) => f.path.startsWith('rt/'))) {
      const budget = f.path.startsWith('rt/chunk-') ? CHUNK_BUDGETS.shared : CHUNK_BUDGETS[f.path as keyof typeof CHUNK_BUDGETS];
      expect(budget, `a budget for ${f.path}`).toBeTypeOf('number');
      console.log(`[size] ${f.path}: ${f.gzip} B gzip (budget ${budget})`);
      expect(f.gzip, f.path).toBeLessThanOrEqual(budget!);
    }
  });

  it(`a page with one form widget (loader + form.js + its chunks + config) ≤ ${FORM_PAGE_BUDGET} B`, async () => {
    const runtime = await staticClosure('rt/form.js');
    // The shell lives in a shared chunk: form.js must import it, or splitting broke.
    expect(runtime.some((f) => f.startsWith('rt/chunk-'))).toBe(true);
    const total = await pageBytes(['loader.js', ...runtime], FORM_CONFIG);
    console.log(`[size] form page: ${total} B gzip = loader + ${runtime.join(' + ')} + config ${gzip(JSON.stringify(FORM_CONFIG))} B (budget ${FORM_PAGE_BUDGET})`);
    expect(total).toBeLessThanOrEqual(FORM_PAGE_BUDGET);
  });

  it('the embed bundles nothing but its own code and preact (no zod, no server values)', () => {
    expect(built.inputs.loader.every((p) => p.startsWith('loader/src/'))).toBe(true);
    for (const p of built.inputs.runtime) expect(p).toMatch(/^(widget-runtime\/src\/|node_modules\/preact\/)/);
  });

  it('the loader is a classic script that imports the runtime dynamically', async () => {
    const code = (await read('loader.js')).toString();
    expect([...code.matchAll(STATIC_IMPORT)]).toEqual([]);
    expect(code).toContain('import(');
  });

  it('embed-manifest.json carries the one snippet, with placeholders', async () => {
    const manifest = JSON.parse(await readFile(built.manifest, 'utf8')) as { snippetTemplate: string };
    expect(manifest.snippetTemplate).toBe(installSnippet('{{PUBLIC_URL}}', '{{SITE_KEY}}'));
  });
});
