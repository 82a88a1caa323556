// The dashboard's first load — what a browser fetches before the first screen is usable —
// gzipped, at most 80 KB (issue 3). Built fresh into a temp dir; the Vite manifest tells which
// files the entry and the first page pull in. The heavy parts (zod for the editor's checks,
// uPlot for the statistics) must stay in their own pages' chunks.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BUDGET = 80 * 1024;
const ROOT = resolve(import.meta.dirname, '../..');

interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
  isEntry?: boolean;
}
type Manifest = Record<string, ManifestChunk>;

let dir: string;
let manifest: Manifest;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'widgetry-dashboard-size-'));
  // Vitest runs with NODE_ENV=test, and Vite would then bundle libraries' non-production
  // branches: measure the build that ships, as `npm run build` makes it.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'silent', build: { outDir: dir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  manifest = JSON.parse(await readFile(join(dir, '.vite/manifest.json'), 'utf8')) as Manifest;
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Files (JS and CSS) a manifest entry needs before it runs: itself and its static imports. */
function closure(key: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`no ${key} in the manifest: ${Object.keys(manifest).join(', ')}`);
  if (seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const css of chunk.css ?? []) seen.add(css);
  for (const dep of chunk.imports ?? []) closure(dep, seen);
  return seen;
}

const gzipped = async (files: Set<string>) => {
  let total = 0;
  for (const f of files) total += gzipSync(await readFile(join(dir, f)), { level: 9 }).length;
  return total;
};

/** The first screen: the entry plus the page a person lands on (sign-in is in the entry). */
const firstLoad = (page: string) => closure('index.html', closure(page));

describe('dashboard first load', () => {
  it(`fits ${BUDGET / 1024} KB gzipped, signed in (overview) or not (sign-in form)`, async () => {
    const signedIn = await gzipped(firstLoad('src/home/home-page.tsx'));
    const signedOut = await gzipped(closure('index.html'));
    console.info(`dashboard first load, gzipped: ${signedIn} B signed in (overview), ${signedOut} B signed out (sign-in form); budget ${BUDGET} B`);
    expect(signedIn).toBeLessThanOrEqual(BUDGET);
    expect(signedOut).toBeLessThanOrEqual(BUDGET);
  });

  it('keeps zod and uPlot out of it, and loads English only on request', async () => {
    const files = [...firstLoad('src/home/home-page.tsx')].filter((f) => f.endsWith('.js'));
    const code = (await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')))).join('\n');
    expect(code).not.toContain('$ZodType');
    expect(code).not.toContain('u-legend');
    expect(code).not.toContain('Sign out everywhere');
  });

  it('splits every page into its own chunk', () => {
    for (const page of ['src/leads/leads-page.tsx', 'src/widgets/editor-page.tsx', 'src/stats/stats-page.tsx', 'src/sites/site-page.tsx', 'src/tariff/tariff-page.tsx']) {
      expect(manifest[page], page).toBeDefined();
      expect(closure('index.html').has(manifest[page]!.file), page).toBe(false);
    }
  });
});
