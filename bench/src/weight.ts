// Part 2, embed weight: raw, gzip and brotli sizes of our loader, every runtime chunk and what a
// page downloads, beside public peers installed from npm, all compressed the same way here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { BenchData, InstalledSite } from './seed.js';
import { HOST_DOMAIN } from './seed.js';
import { MEASURED_TYPES, type MeasuredType } from './widgets.js';

const ROOT = resolve(import.meta.dirname, '../..');
const PUBLIC = join(ROOT, 'dist/public');

export interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

/** Maximum settings, as a build step would precompress static files: gzip -9, brotli -q 11. */
export function sizeOf(buf: Buffer | string): Size {
  const b = typeof buf === 'string' ? Buffer.from(buf) : buf;
  return {
    raw: b.length,
    gzip: gzipSync(b, { level: 9 }).length,
    brotli: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length,
  };
}

const add = (...xs: Size[]): Size => xs.reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), { raw: 0, gzip: 0, brotli: 0 });

export interface WeightItem {
  label: string;
  size: Size | null;
  /** Why there is no figure, or what the figure consists of. */
  note?: string;
}

export interface PeerItem extends WeightItem {
  id: 'typebot' | 'formbricks' | 'plausible';
  /** A complete widget runtime, i.e. comparable with a page total of ours. */
  widgetPeer: boolean;
}

export interface WeightResults {
  files: WeightItem[];
  pages: { noEligible: WeightItem; types: Record<MeasuredType, WeightItem> };
  configs: WeightItem[];
  peers: PeerItem[];
}

/**
 * The modules a type's entry pulls in: static imports (fetched with it) and, transitively, dynamic
 * import()s (fetched when the widget needs them, e.g. the form inside a popup). Paths relative to rt/.
 */
function moduleClosure(entry: string): { path: string; lazy: boolean }[] {
  const found = new Map<string, boolean>();
  const visit = (file: string, lazy: boolean) => {
    const known = found.get(file);
    if (known === false || (known === true && lazy)) return;
    found.set(file, lazy);
    const code = readFileSync(join(PUBLIC, 'rt', file), 'utf8');
    const dir = posix.dirname(file);
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.\.?\/[\w./-]+\.js)["']/g)) visit(posix.normalize(posix.join(dir, m[1]!)), lazy);
    for (const m of code.matchAll(/\bimport\(\s*["'](\.\.?\/[\w./-]+\.js)["']\s*\)/g)) visit(posix.normalize(posix.join(dir, m[1]!)), true);
  };
  visit(entry, false);
  return [...found].map(([path, lazy]) => ({ path, lazy }));
}

/** Every .js under rt/, subfolders (locale builds) included, relative to rt/. */
function runtimeFiles(dir = '', out: string[] = []): string[] {
  for (const e of readdirSync(join(PUBLIC, 'rt', dir), { withFileTypes: true })) {
    if (e.isDirectory()) runtimeFiles(posix.join(dir, e.name), out);
    else if (e.name.endsWith('.js')) out.push(posix.join(dir, e.name));
  }
  return out;
}

async function configBody(serverUrl: string, siteKey: string): Promise<string> {
  const res = await fetch(`${serverUrl}/v1/sites/${siteKey}/config`, { headers: { origin: `http://${HOST_DOMAIN}:8080` } });
  if (res.status !== 200) throw new Error(`config of ${siteKey}: ${res.status}`);
  return await res.text();
}

// Straight from the repo's node_modules: some peers' "exports" hide package.json from require.resolve.
const packageDir = (pkg: string) => join(ROOT, 'node_modules', pkg);

function peerFile(pkg: string, rel: string): string | null {
  const file = join(packageDir(pkg), rel);
  return existsSync(file) ? file : null;
}

function packageVersion(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(join(packageDir(pkg), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

export async function measureWeight(serverUrl: string, data: BenchData): Promise<WeightResults> {
  const fileSize = (rel: string) => sizeOf(readFileSync(join(PUBLIC, rel)));
  const isChunk = (f: string) => posix.basename(f).startsWith('chunk-');
  const rtFiles = runtimeFiles()
    // Default build first, then each locale folder; in each, type entries (alphabetical) before shared chunks.
    .sort((a, b) => Number(a.includes('/')) - Number(b.includes('/')) || posix.dirname(a).localeCompare(posix.dirname(b)) || Number(isChunk(a)) - Number(isChunk(b)) || a.localeCompare(b));
  const loader = fileSize('loader.js');
  const files: WeightItem[] = [{ label: 'loader.js', size: loader }, ...rtFiles.map((f) => ({ label: `rt/${f}`, size: fileSize(`rt/${f}`) }))];

  const configs: WeightItem[] = [];
  const quietConfig = sizeOf(await configBody(serverUrl, data.embed.quiet.siteKey));
  configs.push({ label: 'config: site whose widget is not for this page', size: quietConfig });
  const noEligible: WeightItem = { label: 'page, no eligible widget', size: add(loader, quietConfig), note: 'loader.js + config response' };

  const types = {} as Record<MeasuredType, WeightItem>;
  for (const type of MEASURED_TYPES) {
    const site = data.embed.types[type];
    const label = `page with one ${type}`;
    if ('na' in site) {
      types[type] = { label, size: null, note: `n/a (${site.na})` };
      configs.push({ label: `config: one ${type}`, size: null, note: `n/a (${site.na})` });
      continue;
    }
    const config = sizeOf(await configBody(serverUrl, (site as InstalledSite).siteKey));
    configs.push({ label: `config: one ${type}`, size: config });
    const modules = moduleClosure(`${type}.js`);
    types[type] = {
      label,
      size: add(loader, config, ...modules.map((m) => fileSize(`rt/${m.path}`))),
      note: `loader.js + config + ${modules.map((m) => `rt/${m.path}${m.lazy ? ' (import() on demand)' : ''}`).join(' + ')}`,
    };
  }

  const peer = (id: PeerItem['id'], pkg: string, rel: string, widgetPeer: boolean, note: string): PeerItem => {
    const file = peerFile(pkg, rel);
    const label = `${pkg}@${packageVersion(pkg)} ${rel}`;
    return file ? { id, label, size: fileSize2(file), widgetPeer, note } : { id, label, size: null, widgetPeer, note: `n/a (${pkg} not installed: npm install)` };
  };
  const fileSize2 = (abs: string) => sizeOf(readFileSync(abs));
  const peers: PeerItem[] = [
    peer('typebot', '@typebot.io/js', 'dist/web.js', true, 'the whole embed library in one file, as its script-tag install loads it'),
    peer(
      'formbricks',
      '@formbricks/js',
      'dist/index.js',
      false,
      'a loader stub only: at run time it fetches the SDK (formbricks.umd.cjs) from the Formbricks server, which npm does not ship, so no page total can be measured here',
    ),
    peer('plausible', '@plausible-analytics/tracker', 'plausible.js', false, 'an analytics tracker (no widgets): the "tiny script" floor'),
  ];
  return { files, pages: { noEligible, types }, configs, peers };
}
