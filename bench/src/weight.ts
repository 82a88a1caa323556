// Part 2, embed weight: raw, gzip and brotli sizes of our loader, every runtime chunk and what a
// page downloads, beside public peers installed from npm, all compressed the same way here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { takesSlot } from '../../contracts/core/layout.js';
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

/** One page's first visit: what it downloads before the widget is drawn, and what may come later. */
export interface PageWeight extends WeightItem {
  /** The files counted in `size` (config and loader included), in the order they are fetched. */
  files: string[];
  /** Modules fetched later, if at all (a lead's submission, a chat opened): named with their gzip size, not counted. */
  later: { file: string; role: string | null; size: Size }[];
}

/** A site's page showing one widget, on a desktop (≥ 768 px) and on a phone, as the runtime fetches them. */
export interface SitePages {
  label: string;
  desktop: PageWeight | null;
  phone: PageWeight | null;
  /** Why there are no figures. */
  na?: string;
}

export interface WeightResults {
  files: WeightItem[];
  pages: {
    noEligible: PageWeight;
    /** Sites whose widgets are all of one type: the config says rt: "solo/". */
    types: Record<MeasuredType, SitePages>;
    /** The form on a site that also has a pop-up (limited to /checkout): two types, the split runtime. */
    mixed: SitePages;
    /** The form on a site that also has a quiz (limited to /checkout): split runtime, and two widgets that take a slot. */
    mixedSlots: SitePages;
  };
  configs: WeightItem[];
  peers: PeerItem[];
}

/** rt/ paths a module imports: statically (fetched with it) and with import() (fetched when its code asks). */
function importsOf(file: string): { staticDeps: string[]; dynamicDeps: string[] } {
  const code = readFileSync(join(PUBLIC, 'rt', file), 'utf8');
  const dir = posix.dirname(file);
  const at = (spec: string) => posix.normalize(posix.join(dir, spec));
  return {
    staticDeps: [...code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.\.?\/[\w./-]+\.js)["']/g)].map((m) => at(m[1]!)),
    dynamicDeps: [...code.matchAll(/\bimport\(\s*["'](\.\.?\/[\w./-]+\.js)["']\s*\)/g)].map((m) => at(m[1]!)),
  };
}

/** The names a built module exports (`export{V as place}`): how a hashed chunk is recognised. */
function exportsOf(file: string): string[] {
  const code = readFileSync(join(PUBLIC, 'rt', file), 'utf8');
  return [...code.matchAll(/\bexport\s*\{([^}]*)\}/g)].flatMap((m) =>
    m[1]!.split(',').map(
      (e) =>
        e
          .trim()
          .split(/\s+as\s+/)
          .pop()!,
    ),
  );
}

/** When a page fetches a module that another one import()s: with the first frame, later (a submit, a chat opened), or never. */
type Fetched = 'first' | 'later' | 'never';

/**
 * Splits the modules reachable from `entry` into the first visit (static imports, and the
 * import()s `when` puts in the first frame) and the rest that may come later; a module only
 * reached through one this page never asks for is left out.
 */
function moduleGraph(entry: string, when: (file: string) => Fetched): { first: string[]; later: string[] } {
  const first: string[] = [];
  const deferred = new Set<string>();
  const take = (file: string) => {
    if (first.includes(file)) return;
    first.push(file);
    const { staticDeps, dynamicDeps } = importsOf(file);
    staticDeps.forEach(take);
    for (const d of dynamicDeps) {
      const w = when(d);
      if (w === 'first') take(d);
      else if (w === 'later') deferred.add(d);
    }
  };
  take(entry);
  const later: string[] = [];
  const visit = (file: string) => {
    if (first.includes(file) || later.includes(file) || when(file) === 'never') return;
    later.push(file);
    const { staticDeps, dynamicDeps } = importsOf(file);
    [...staticDeps, ...dynamicDeps].forEach(visit);
  };
  deferred.forEach(visit);
  return { first, later };
}

/**
 * Whether a module placing widgets (it exports `place`) is the phone's fold
 * (widget-runtime/src/shell/fold.ts, the one that draws stand-ins) rather than the layout manager.
 */
const isFold = (file: string) => readFileSync(join(PUBLIC, 'rt', file), 'utf8').includes('data-widgetry-teaser');

/** What a hashed chunk is, by the names it exports (the build gives it no name of its own). */
function roleOf(file: string): string | null {
  const names = exportsOf(file);
  if (names.includes('place')) return isFold(file) ? 'folding a lead form on a phone' : 'layout manager';
  if (names.includes('submitLead')) return 'sending a lead, at the first submit';
  if (names.includes('conversation')) return "the chat's conversation, when opened";
  if (names.includes('LeadForm')) return 'lead form';
  return null;
}

/** Types that draw the lead form in their first frame (in the split runtime they import() it at mount). */
const LEAD_FORM_FIRST = new Set(['popup', 'callback', 'quiz']);

interface ConfigWidget {
  type: string;
  position: string;
}

/**
 * Whether the runtime places `widget` after drawing it: the condition of
 * widget-runtime/src/shell/mount-widget.tsx (neither inline nor a pop-up, which takes no slot:
 * contracts/core/layout.ts `takesSlot`, the rule the server's `lm` follows too).
 */
const placed = (widget: ConfigWidget) => widget.position !== 'inline' && takesSlot(widget);
/**
 * Whether it fetches the layout manager for `widget`: where that has work, the config's `lm`
 * (two or more widgets that take a slot) or a bar, on a phone as on a desktop. On a phone
 * (narrower than 768 px) every placed widget goes through the fold (shell/fold.ts) first: a
 * chunk of its own, but inside rt/solo/form.js and rt/solo/quiz.js. Part 3 and
 * tests/e2e/embed.spec.ts check the request lists this implies in a browser.
 */
const fetchesLayout = (lm: unknown, widget: ConfigWidget) => placed(widget) && (!!lm || /bar/.test(widget.position));
const fetchesFold = (widget: ConfigWidget, phone: boolean) => placed(widget) && phone;

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
  const noEligible: PageWeight = {
    label: 'page, no eligible widget',
    size: add(loader, quietConfig),
    note: 'loader.js + config response',
    files: ['loader.js', 'config'],
    later: [],
  };

  /**
   * A page of `siteKey` showing its `type` widget, as the loader and the runtime fetch it: the
   * entry the config names (loader/src/boot.ts: rt/ + config.rt + type, so rt/solo/{type}.js on a
   * site of one type), its static imports, and the import()s its first frame waits for: the
   * fold on a phone, the layout manager where it has work, the lead form of a popup, call-back or quiz.
   */
  const sitePages = async (label: string, siteKey: string, type: string, configLabel: string): Promise<SitePages> => {
    const body = await configBody(serverUrl, siteKey);
    const config = sizeOf(body);
    configs.push({ label: configLabel, size: config });
    const parsed = JSON.parse(body) as { rt?: string; lm?: 1; widgets: ConfigWidget[] };
    const widget = parsed.widgets.find((w) => w.type === type);
    if (!widget) throw new Error(`config of ${siteKey} has no ${type} widget`);
    const entry = `${parsed.rt ?? ''}${type}.js`;
    const page = (phone: boolean): PageWeight => {
      // The layout manager is decided once, at mount: this page fetches it with the widget or never.
      const when = (file: string): Fetched => {
        const names = exportsOf(file);
        if (names.includes('place')) return (isFold(file) ? fetchesFold(widget, phone) : fetchesLayout(parsed.lm, widget)) ? 'first' : 'never';
        return names.includes('LeadForm') && LEAD_FORM_FIRST.has(type) ? 'first' : 'later';
      };
      const { first, later } = moduleGraph(entry, when);
      return {
        label,
        size: add(loader, config, ...first.map((f) => fileSize(`rt/${f}`))),
        note: `loader.js + config + ${first.map((f) => `rt/${f}${posix.basename(f).startsWith('chunk-') && roleOf(f) ? ` (${roleOf(f)})` : ''}`).join(' + ')}`,
        files: ['loader.js', 'config', ...first.map((f) => `rt/${f}`)],
        later: later.map((f) => ({ file: `rt/${f}`, role: roleOf(f), size: fileSize(`rt/${f}`) })),
      };
    };
    return { label, desktop: page(false), phone: page(true) };
  };

  const types = {} as Record<MeasuredType, SitePages>;
  for (const type of MEASURED_TYPES) {
    const site = data.embed.types[type];
    const label = `page with one ${type} (site of one type)`;
    if ('na' in site) {
      types[type] = { label, desktop: null, phone: null, na: site.na };
      configs.push({ label: `config: one ${type}`, size: null, note: `n/a (${site.na})` });
      continue;
    }
    types[type] = await sitePages(label, (site as InstalledSite).siteKey, type, `config: one ${type}`);
  }
  const mixed = await sitePages(
    'page with one form on a site of two types (the other widget, a pop-up, is for /checkout)',
    data.embed.mixed.siteKey,
    'form',
    'config: a form and a pop-up for /checkout',
  );
  const mixedSlots = await sitePages(
    'page with one form on a site of two types that both take a slot (the other widget, a quiz, is for /checkout)',
    data.embed.mixedSlots.siteKey,
    'form',
    'config: a form and a quiz for /checkout',
  );

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
  return { files, pages: { noEligible, types, mixed, mixedSlots }, configs, peers };
}
