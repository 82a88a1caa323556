// Part 3, page impact in Chromium: one host page (on another origin than the API) loaded cold,
// without the snippet, with the snippet of a site that has no eligible widget, and with the
// snippet of a site showing one widget. Loads are interleaved so drift hits every variant alike.
// Main-thread time is the renderer's own account (DevTools Performance.getMetrics: TaskDuration
// and its script, layout and style parts; ThreadTime, its CPU time), taken as the difference over one load.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchBrowser } from '../../tests/e2e/support/browser.js';
import { startHostPages } from '../../tests/e2e/support/host-pages.js';
import { sleep, summarize, type Summary } from './stats.js';

export interface PageVariant {
  id: string;
  label: string;
  /** The install snippet, or '' for the page without it. */
  snippet: string;
  /** Wait for a widget to become visible (and measure how long it took). */
  expectWidget: boolean;
}

export interface LoadSample {
  bytesTotal: number;
  requestsTotal: number;
  /** Responses from the Widgetry server: wire bytes (headers included) and body bytes. */
  bytesOurs: number;
  bodyBytesOurs: number;
  requestsOurs: number;
  runtimeRequests: number;
  loaderToVisibleMs: number;
  longTasks: number;
  longTaskMs: number;
  cls: number;
  loadEventMs: number;
  /** 1 when loader start had to be taken from loader.js's download end (see installProbe). */
  loaderStartFallback: number;
  /**
   * The page renderer's main thread over the load: the time its tasks took (wall clock, so a busy
   * machine stretches it), the CPU time it used, and script, layout and style within the tasks.
   */
  mainThreadMs: number;
  cpuMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
  /** The machine's 1-minute load average when the load ended. */
  loadAverage: number;
}

export type Metric = keyof LoadSample;
export const METRICS: Metric[] = [
  'bytesTotal',
  'requestsTotal',
  'bytesOurs',
  'bodyBytesOurs',
  'requestsOurs',
  'runtimeRequests',
  'loaderToVisibleMs',
  'longTasks',
  'longTaskMs',
  'cls',
  'loadEventMs',
  'loaderStartFallback',
  'mainThreadMs',
  'cpuMs',
  'scriptMs',
  'layoutMs',
  'styleMs',
  'loadAverage',
];

export interface VariantResult {
  variant: PageVariant;
  samples: LoadSample[];
  summary: Record<Metric, Summary>;
  /** What the last load asked of the Widgetry server, in order (paths; the config's site key elided). */
  ourPaths: string[];
}

export interface PageImpactResults {
  loads: number;
  browserVersion: string;
  variants: VariantResult[];
}

interface Probe {
  loaderStart: number | null;
  visible: number | null;
  longTasks: number[];
  cls: number;
}

/**
 * Runs in the page before any of its scripts. "Loader start" is the moment loader.js installs
 * its real `window.widgetry` (its first act; the snippet's queue stub is set before it), seen
 * through an accessor on window. "Visible" is the first frame in which an element inside a
 * widget's shadow root has a non-empty box, taken after that frame was painted.
 */
function installProbe(): void {
  const w = window as unknown as Window & { __wgBench: Probe; __wgBenchVisible: Promise<void>; widgetry?: { l?: number } };
  const probe: Probe = { loaderStart: null, visible: null, longTasks: [], cls: 0 };
  w.__wgBench = probe;
  let seen: () => void;
  w.__wgBenchVisible = new Promise((resolve) => (seen = resolve));
  try {
    new PerformanceObserver((list) => list.getEntries().forEach((e) => probe.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => {
        const shift = e as PerformanceEntry & { value: number; hadRecentInput: boolean };
        if (!shift.hadRecentInput) probe.cls += shift.value;
      }),
    ).observe({ type: 'layout-shift', buffered: true });
  } catch {
    // An engine without these entry types reports zeros.
  }
  let value: unknown;
  Object.defineProperty(w, 'widgetry', {
    configurable: true,
    get: () => value,
    set: (v: { l?: number } | undefined) => {
      if (v?.l && probe.loaderStart === null) probe.loaderStart = performance.now();
      value = v;
    },
  });
  const shown = () =>
    Array.from(document.querySelectorAll('widgetry-widget')).some(
      (host) =>
        !(host as HTMLElement).hidden &&
        Array.from(host.shadowRoot ? host.shadowRoot.querySelectorAll('*') : []).some((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.height > 0;
        }),
    );
  const watch = () => {
    if (probe.visible !== null) return;
    if (shown()) {
      // rAF runs before the frame is painted; the task after it runs once it has been.
      requestAnimationFrame(() =>
        setTimeout(() => {
          probe.visible ??= performance.now();
          seen();
        }),
      );
      return;
    }
    requestAnimationFrame(watch);
  };
  new MutationObserver((_, observer) => {
    if (document.querySelector('widgetry-widget')) {
      observer.disconnect();
      watch();
    }
  }).observe(document, { childList: true, subtree: true });
}

/** Runs in the page after the load: the probe's figures, with loader start and the load event end. */
function readProbe(): Probe & { loaderStartFallback: boolean; loadEventMs: number } {
  const p = (window as unknown as { __wgBench: Probe }).__wgBench;
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  // Should loader.js stop flagging its API (`l`), fall back to the end of its download
  // (an async script runs as soon as it has arrived).
  const loaderEntry = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/loader.js')) as PerformanceResourceTiming | undefined;
  const fallback = p.loaderStart === null && loaderEntry ? loaderEntry.responseEnd : null;
  return { ...p, loaderStart: p.loaderStart ?? fallback, loaderStartFallback: fallback !== null, loadEventMs: nav ? nav.loadEventEnd : -1 };
}

/**
 * Evaluates `expression` in the page (awaiting a promise) with the bare DevTools protocol, so the
 * page runs nothing of Playwright's (page.evaluate first injects its utility script).
 */
async function inPage<T>(cdp: CDPSession, expression: string, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`page-impact: no answer to ${expression.slice(0, 40)} in ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const answer = await Promise.race([cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }), timeout]);
    if (answer.exceptionDetails) throw new Error(`page-impact: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`);
    return answer.result.value as T;
  } finally {
    clearTimeout(timer);
  }
}

/** DevTools Performance.getMetrics, in ms, of the renderer that holds the page. */
async function mainThread(cdp: CDPSession): Promise<Pick<LoadSample, 'mainThreadMs' | 'cpuMs' | 'scriptMs' | 'layoutMs' | 'styleMs'>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const ms = (name: string) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
  return {
    mainThreadMs: ms('TaskDuration'),
    cpuMs: ms('ThreadTime'),
    scriptMs: ms('ScriptDuration'),
    layoutMs: ms('LayoutDuration'),
    styleMs: ms('RecalcStyleDuration'),
  };
}

/**
 * BENCH_PAGE_TRACE_DIR=dir: each timed load is also recorded as a Chromium trace (dir/{variant}-{round}.json,
 * open it in DevTools' Performance panel or Perfetto), to see what the main thread's tasks were
 * made of. Tracing costs the renderer time too: figures of such a run are for comparing, not keeping.
 */
const TRACE_DIR = process.env.BENCH_PAGE_TRACE_DIR;
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'blink', 'loading', 'v8.execute', 'mojom', 'ipc', 'fonts'];

async function startTrace(cdp: CDPSession): Promise<() => Promise<string>> {
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: TRACE_CATEGORIES }, transferMode: 'ReturnAsStream' });
  return async () => {
    const done = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream!)));
    await cdp.send('Tracing.end');
    const stream = await done;
    let text = '';
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle: stream });
      text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
      if (chunk.eof) break;
    }
    await cdp.send('IO.close', { handle: stream });
    return text;
  };
}

async function loadOnce(browser: BrowserContext, blankUrl: string, url: string, apiOrigin: string, variant: PageVariant, tracePath?: string): Promise<LoadSample & { ourPaths: string[] }> {
  const page: Page = await browser.newPage();
  // A page of the host's origin without the snippet first: the measured page then loads in the same renderer,
  // whose counters are read before and after it.
  await page.goto(blankUrl);
  const cdp: CDPSession = await browser.newCDPSession(page);
  await cdp.send('Performance.enable');
  const before = await mainThread(cdp);
  const requests = new Map<string, { url: string; headerBytes: number; bytes: number; done: boolean }>();
  let lastActivity = Date.now();
  cdp.on('Network.requestWillBeSent', (e) => {
    requests.set(e.requestId, { url: e.request.url, headerBytes: 0, bytes: 0, done: false });
    lastActivity = Date.now();
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.headerBytes = e.response.encodedDataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { bytes: e.encodedDataLength, done: true });
    lastActivity = Date.now();
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.done = true;
    lastActivity = Date.now();
  });
  await cdp.send('Network.enable');
  // Every load is a first visit: nothing from the HTTP cache.
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const stopTrace = tracePath ? await startTrace(cdp) : null;
  try {
    await page.goto(url, { waitUntil: 'load' });
    if (variant.expectWidget) {
      // Through the DevTools protocol, not page.waitForFunction: that injects Playwright's own
      // script (~9 ms of the renderer's CPU) and polls every frame, which only the pages with a
      // widget waited for, so the bench charged its own work to the widget.
      await inPage(cdp, 'window.__wgBenchVisible', 15_000);
    }
    // Settled: nothing in flight and 500 ms without network activity (the impression beacon
    // leaves ~100 ms after the widget is seen).
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && ([...requests.values()].some((r) => !r.done) || Date.now() - lastActivity < 500)) await sleep(50);
    const probe = await inPage<Probe & { loaderStartFallback: boolean; loadEventMs: number }>(cdp, `(${readProbe})()`, 5_000);
    const after = await mainThread(cdp);
    if (stopTrace && tracePath) writeFileSync(tracePath, await stopTrace());
    const all = [...requests.values()];
    const ours = all.filter((r) => r.url.startsWith(apiOrigin));
    return {
      mainThreadMs: after.mainThreadMs - before.mainThreadMs,
      cpuMs: after.cpuMs - before.cpuMs,
      scriptMs: after.scriptMs - before.scriptMs,
      layoutMs: after.layoutMs - before.layoutMs,
      styleMs: after.styleMs - before.styleMs,
      loadAverage: loadavg()[0]!,
      ourPaths: ours.map((r) => new URL(r.url).pathname.replace(/\/sites\/[^/]+\//, '/sites/{key}/')),
      bytesTotal: all.reduce((a, r) => a + r.bytes, 0),
      requestsTotal: all.length,
      bytesOurs: ours.reduce((a, r) => a + r.bytes, 0),
      bodyBytesOurs: ours.reduce((a, r) => a + Math.max(0, r.bytes - r.headerBytes), 0),
      requestsOurs: ours.length,
      runtimeRequests: ours.filter((r) => new URL(r.url).pathname.startsWith('/rt/')).length,
      loaderToVisibleMs: probe.visible !== null && probe.loaderStart !== null ? probe.visible - probe.loaderStart : NaN,
      longTasks: probe.longTasks.length,
      longTaskMs: probe.longTasks.reduce((a, d) => a + d, 0),
      cls: probe.cls,
      loadEventMs: probe.loadEventMs < 0 ? NaN : probe.loadEventMs,
      loaderStartFallback: probe.loaderStartFallback ? 1 : 0,
    };
  } finally {
    await cdp.detach().catch(() => {});
    await page.close();
  }
}

export async function measurePageImpact(
  apiUrl: string,
  variants: PageVariant[],
  loads: number,
  log: (s: string) => void,
  beforeRound: () => Promise<void> = async () => {},
): Promise<PageImpactResults> {
  if (TRACE_DIR) mkdirSync(TRACE_DIR, { recursive: true });
  const [host, browser] = await Promise.all([startHostPages(), launchBrowser()]);
  try {
    await browser.addInitScript(installProbe);
    const apiOrigin = new URL(apiUrl).origin;
    const urls = variants.map((v) => host.page(`/${v.id}.html`, 'shop.html', v.snippet));
    const blankUrl = host.page('/blank.html', 'shop.html', '');
    const samples: LoadSample[][] = variants.map(() => []);
    const ourPaths: string[][] = variants.map(() => []);
    // Two untimed rounds: Chromium's processes, the server's JIT and SQLite's page cache warm up.
    for (let round = -2; round < loads; round++) {
      if (round >= 0) await beforeRound();
      // Rotate the order each round, so no variant always follows the same one.
      for (let k = 0; k < variants.length; k++) {
        const i = (k + Math.max(round, 0)) % variants.length;
        const tracePath = TRACE_DIR && round >= 0 ? join(TRACE_DIR, `${variants[i]!.id}-${round}.json`) : undefined;
        const { ourPaths: paths, ...sample } = await loadOnce(browser, blankUrl, urls[i]!, apiOrigin, variants[i]!, tracePath);
        if (round >= 0) samples[i]!.push(sample);
        ourPaths[i] = paths;
      }
      if (round >= 0 && (round + 1) % 5 === 0) log(`  page impact: ${round + 1}/${loads} loads of each page`);
    }
    const browserVersion = browser.browser()?.version() ?? (await chromiumVersion(browser));
    return {
      loads,
      browserVersion,
      variants: variants.map((variant, i) => ({
        variant,
        samples: samples[i]!,
        summary: Object.fromEntries(METRICS.map((m) => [m, summarize(samples[i]!.map((s) => s[m]).filter((v) => Number.isFinite(v)))])) as Record<Metric, Summary>,
        ourPaths: ourPaths[i]!,
      })),
    };
  } finally {
    await browser.close();
    await host.stop();
  }
}

async function chromiumVersion(browser: BrowserContext): Promise<string> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(() => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? '?');
  } finally {
    await page.close();
  }
}
