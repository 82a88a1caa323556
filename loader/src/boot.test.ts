// The loader against fake page globals (node has no DOM; boot() takes its globals as arguments).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EmbedConfig, EmbedRules, EmbedWidget } from '#contracts/core/embed.js';
import type { MountContext, PageEventDetail, RuntimeModule, WidgetHandle } from '#contracts/core/mount.js';
import type { LoaderDocument, LoaderWindow, WidgetryApi } from './boot.js';
import { createStore, type StorageLike } from '#contracts/core/frequency-store.js';
import { drawVariants } from '../../widget-runtime/src/ab/draw.js';

type Boot = typeof import('./boot.js').boot;
let boot: Boot;

beforeEach(async () => {
  // boot.ts logs once per page: a fresh module per test is a fresh page.
  vi.resetModules();
  ({ boot } = await import('./boot.js'));
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const widget = (id: string, type: EmbedWidget['type'], rules?: EmbedRules) =>
  ({ id, type, position: 'bottom-right', colors: { background: '#ffffff', text: '#000000', accent: '#2563eb', onAccent: '#fff' }, content: {}, ...(rules ? { rules } : {}) }) as EmbedWidget;

const CONFIG: EmbedConfig = {
  site: 'k_1',
  badge: { text: 'Widgetry', url: 'https://widgetry.test/' },
  widgets: [
    widget('w_banner', 'banner'),
    widget('w_form', 'form', { url: [{ match: 'starts_with', value: '/catalog' }] }),
    widget('w_blog', 'banner', { url: [{ match: 'contains', value: 'blog' }] }),
  ],
};

/** A Storage that works, or one whose every access throws (blocked cookies, sandboxed frames). */
function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

interface PageOptions {
  url?: string;
  dataset?: Record<string, string>;
  src?: string;
  readyState?: string;
  lang?: string;
  referrer?: string;
  mobile?: boolean;
  widgetry?: WidgetryApi;
  config?: EmbedConfig;
  answer?: () => Promise<{ ok: boolean; json(): Promise<unknown> }>;
  /** Storage shared with an earlier page of the same visitor (frequency caps). */
  local?: StorageLike;
  session?: StorageLike;
}

type Listener = (e: { target: unknown; relatedTarget?: unknown; clientY?: number }) => void;

/** A page with the snippet on it, and a fake runtime whose mount() returns spy handles. */
function page({
  url = 'https://shop.test/catalog/shoes',
  dataset = { site: 'k_1' },
  src = 'https://cdn.widgetry.test/loader.js',
  readyState = 'complete',
  lang = 'ru',
  referrer = '',
  mobile = false,
  widgetry,
  config = CONFIG,
  answer = async () => ({ ok: true, json: async () => structuredClone(config) }),
  local = memoryStorage(),
  session = memoryStorage(),
}: PageOptions = {}) {
  const fetch = vi.fn((_url: string) => answer());
  // A live location, as window.location is: history calls change it in place.
  const location = { href: '', pathname: '', search: '' };
  const go = (to: string) => {
    const u = new URL(to, location.href || undefined);
    Object.assign(location, { href: u.href, pathname: u.pathname, search: u.search });
  };
  go(url);
  const on: Record<string, Listener[]> = {};
  const listen = (type: string, l: Listener) => void (on[type] ||= []).push(l);
  const history = {
    pushState: vi.fn((_s: unknown, _t: unknown, to: string) => go(to)),
    replaceState: vi.fn((_s: unknown, _t: unknown, to: string) => go(to)),
  };
  const w: LoaderWindow = {
    location,
    fetch,
    widgetry,
    localStorage: local,
    sessionStorage: session,
    matchMedia: () => ({ matches: mobile }),
    history,
    addEventListener: listen,
    scrollY: 0,
    innerHeight: 800,
  };
  const d: LoaderDocument = {
    currentScript: { dataset, src },
    readyState,
    referrer,
    documentElement: { scrollHeight: 3000, lang },
    addEventListener: listen,
  };
  type SpyHandle = { [K in keyof WidgetHandle]: ReturnType<typeof vi.fn<() => void>> };
  const handles: Record<string, SpyHandle> = {};
  const mount = vi.fn((x: EmbedWidget, _ctx: MountContext): WidgetHandle => (handles[x.id] = { open: vi.fn(), close: vi.fn(), remove: vi.fn() }));
  const load = vi.fn(async (_url: string): Promise<RuntimeModule> => ({ mount }));
  const fire = (type: string, e: Parameters<Listener>[0] = { target: null }) => (on[type] || []).forEach((l) => l(e));
  const mounted = () => mount.mock.calls.map(([x]) => x.id);
  const ctx = () => mount.mock.calls[0]![1];
  return { w, d, fetch, load, mount, handles, history, fire, go, mounted, ctx, local, session };
}

/** Lets pending promise chains (config, import, mount) run. */
const settle = () => new Promise((r) => setTimeout(r, 0));

/** The queue stub exactly as the snippet defines it, bound to a fake window. */
function stub(): WidgetryApi {
  const api: WidgetryApi = function () {
    (api.q = api.q || []).push(arguments);
  };
  return api;
}

describe('loader boot', () => {
  it('fetches the config from the script origin and mounts only the widgets whose rules target the page', async () => {
    const p = page();
    await boot(p.w, p.d, p.load);
    await settle();
    expect(p.fetch).toHaveBeenCalledOnce();
    expect(p.fetch).toHaveBeenCalledWith('https://cdn.widgetry.test/v1/sites/k_1/config');
    expect(p.load.mock.calls.map(([u]) => u)).toEqual(['https://cdn.widgetry.test/rt/banner.js', 'https://cdn.widgetry.test/rt/form.js']);
    expect(p.mounted()).toEqual(['w_banner', 'w_form']);
    expect(p.ctx()).toMatchObject({ api: 'https://cdn.widgetry.test', site: 'k_1', badge: CONFIG.badge, on: expect.any(Array), user: {} });
  });

  it('loads the English build of the runtime on pages in English', async () => {
    const p = page({ lang: 'en-GB' });
    await boot(p.w, p.d, p.load);
    await settle();
    expect(p.load.mock.calls[0]![0]).toBe('https://cdn.widgetry.test/rt/en/banner.js');
  });

  it("imports the one-file runtime (rt/solo/, rt/en/solo/) when the config says the site's widgets are all of one type; debug mode stays in rt/", async () => {
    const solo: EmbedConfig = { ...CONFIG, widgets: [widget('w_form', 'form')], rt: 'solo/' };
    for (const [lang, dir] of [
      ['ru', 'rt'],
      ['en', 'rt/en'],
    ]) {
      const p = page({ lang, config: solo });
      await boot(p.w, p.d, p.load);
      await settle();
      p.w.widgetry!('debug');
      expect(p.load.mock.calls.map(([u]) => u)).toEqual([`https://cdn.widgetry.test/${dir}/solo/form.js`, `https://cdn.widgetry.test/${dir}/debug.js`]);
      expect(p.mounted()).toEqual(['w_form']);
    }
  });

  it('honours a data-api origin override', async () => {
    const p = page({ dataset: { site: 'k_1', api: 'https://api.widgetry.test/some/path/' } });
    await boot(p.w, p.d, p.load);
    await settle();
    expect(p.fetch.mock.calls[0]![0]).toBe('https://api.widgetry.test/v1/sites/k_1/config');
    expect(p.load.mock.calls[0]![0]).toBe('https://api.widgetry.test/rt/banner.js');
  });

  it('downloads no runtime code when no widget matches the page', async () => {
    const p = page({ url: 'https://shop.test/about', config: { ...CONFIG, widgets: [CONFIG.widgets[1]!] } });
    await boot(p.w, p.d, p.load);
    await settle();
    expect(p.load).not.toHaveBeenCalled();
  });

  it('is idempotent: a second snippet on the page creates no second widgets', async () => {
    const p = page();
    await boot(p.w, p.d, p.load);
    const first = p.w.widgetry;
    // The second snippet's stub keeps the real function (`window.widgetry||…`), then its loader runs.
    p.w.widgetry = p.w.widgetry || stub();
    await boot(p.w, { ...p.d, currentScript: { dataset: { site: 'k_other' }, src: 'https://x.test/loader.js' } }, p.load);
    await settle();
    expect(p.fetch).toHaveBeenCalledOnce();
    expect(p.mount).toHaveBeenCalledTimes(2);
    expect(p.w.widgetry).toBe(first);
  });

  it('is idempotent when two loaders start before either has finished', async () => {
    const p = page();
    await Promise.all([boot(p.w, p.d, p.load), boot(p.w, p.d, p.load)]);
    await settle();
    expect(p.fetch).toHaveBeenCalledOnce();
    expect(p.mount).toHaveBeenCalledTimes(2);
  });

  it('drains the queue stub and then runs commands directly; unknown ones are ignored', async () => {
    const widgetry = stub();
    widgetry('open', 'w_form');
    widgetry('close', 'no_such_widget');
    widgetry('frobnicate', 'w_form');
    widgetry();
    const p = page({ widgetry });
    await boot(p.w, p.d, p.load);
    await settle();
    expect(p.w.widgetry).not.toBe(widgetry);
    expect(p.handles.w_form!.open).toHaveBeenCalledOnce();
    p.w.widgetry!('close', 'w_banner');
    await settle();
    expect(p.handles.w_banner!.close).toHaveBeenCalledOnce();
    expect(() => p.w.widgetry!('toString', 'w_banner')).not.toThrow();
    expect(() => p.w.widgetry!(null, {})).not.toThrow();
  });

  it('queues calls made while the config is still loading', async () => {
    let answer!: (r: { ok: boolean; json(): Promise<unknown> }) => void;
    const p = page({ answer: () => new Promise((r) => (answer = r)) });
    const running = boot(p.w, p.d, p.load);
    p.w.widgetry!('close', 'w_banner');
    answer({ ok: true, json: async () => CONFIG });
    await running;
    await settle();
    expect(p.handles.w_banner!.close).toHaveBeenCalledOnce();
  });

  it('waits for the DOM before mounting when the script ran during parsing', async () => {
    const p = page({ readyState: 'loading' });
    await boot(p.w, p.d, p.load);
    await settle();
    expect(p.mount).not.toHaveBeenCalled();
    p.fire('DOMContentLoaded');
    await settle();
    expect(p.mount).toHaveBeenCalledTimes(2);
  });

  it('does nothing, silently, for an unknown site (404)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const p = page({ answer: async () => ({ ok: false, json: async () => ({ error: { code: 'not_found', message: '' } }) }) });
    await expect(boot(p.w, p.d, p.load)).resolves.toBeUndefined();
    expect(p.load).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });

  it('never throws on a network failure and logs once with the [widgetry] prefix', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const p = page({ answer: () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(boot(p.w, p.d, p.load)).resolves.toBeUndefined();
    p.w.widgetry!('open', 'w_form');
    p.w.widgetry!('on', 'show', () => {});
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]![0]).toBe('[widgetry]');
  });

  it("debug mode: widgetry('debug') fetches rt/debug.js, which reads the widgets' state from widgetry.l", async () => {
    const p = page({ lang: 'en' });
    await boot(p.w, p.d, p.load);
    await settle();
    expect(p.load.mock.calls.map(([u]) => u)).not.toContain('https://cdn.widgetry.test/rt/en/debug.js');
    p.w.widgetry!('debug');
    await settle();
    expect(p.load.mock.calls.at(-1)![0]).toBe('https://cdn.widgetry.test/rt/en/debug.js');
    const states = p.w.widgetry!.l!;
    expect(states.map((x) => [x.id, x.m])).toEqual([
      ['w_banner', true],
      ['w_form', true],
      ['w_blog', false],
    ]);
  });

  it('debug mode: a page opened with ?widgetry_debug=1 or ?widgetry_preview=… fetches rt/debug.js, even for a refused config', async () => {
    for (const url of ['https://shop.test/?widgetry_debug=1', 'https://shop.test/?widgetry_preview=t.x']) {
      const p = page({ url, answer: async () => ({ ok: false, json: async () => ({}) }) });
      await boot(p.w, p.d, p.load);
      await settle();
      expect(p.load.mock.calls.map(([u]) => u)).toEqual(['https://cdn.widgetry.test/rt/debug.js']);
    }
  });

  it('survives a malformed config', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const p = page({ answer: async () => ({ ok: true, json: async () => ({ site: 'k_1' }) }) });
    await expect(boot(p.w, p.d, p.load)).resolves.toBeUndefined();
    expect(p.load).not.toHaveBeenCalled();
  });

  it('keeps the other widgets when one runtime fails to load or mount, and logs once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const p = page({ config: { ...CONFIG, widgets: [...CONFIG.widgets, widget('w_quiz', 'quiz')] } });
    const load = vi.fn(async (url: string): Promise<RuntimeModule> => {
      if (url.endsWith('/banner.js')) throw new TypeError('import failed');
      if (url.endsWith('/quiz.js'))
        return {
          mount: () => {
            throw new Error('boom');
          },
        };
      return { mount: p.mount };
    });
    await boot(p.w, p.d, load);
    await settle();
    expect(p.mounted()).toEqual(['w_form']);
    expect(warn).toHaveBeenCalledOnce();
  });

  it('logs and stays inert without data-site', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const p = page({ dataset: {} });
    await boot(p.w, p.d, p.load);
    expect(p.fetch).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledOnce();
    expect(() => p.w.widgetry!('open', 'x')).not.toThrow();
  });

  it('one widget whose rules cannot be evaluated (a time zone the browser lacks) keeps no other off the page', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const p = page({ config: { ...CONFIG, tz: 'Mars/Olympus_Mons', widgets: [widget('w_sched', 'banner', { weekdays: [1] }), widget('w_ok', 'banner')] } });
    await boot(p.w, p.d, p.load);
    await settle();
    expect(p.mounted()).toEqual(['w_ok']);
  });
});

describe('triggers', () => {
  const one = (rules: EmbedRules, more: Partial<PageOptions> = {}) => page({ config: { ...CONFIG, widgets: [widget('w', 'popup', rules)] }, ...more });

  it('after N seconds: nothing is fetched before, the widget shows after', async () => {
    vi.useFakeTimers();
    const p = one({ delay: 5 });
    await boot(p.w, p.d, p.load);
    await vi.advanceTimersByTimeAsync(4900);
    expect(p.load).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(p.mounted()).toEqual(['w']);
  });

  it('on scroll: shows once the page is scrolled N %, and at once on a page too short to scroll', async () => {
    const p = one({ scroll: 50 });
    await boot(p.w, p.d, p.load);
    p.w.scrollY = 800; // (800 + 1) / (3000 - 800 + 1) = 36 %
    p.fire('scroll');
    await settle();
    expect(p.load).not.toHaveBeenCalled();
    p.w.scrollY = 1200; // 55 %
    p.fire('scroll');
    p.fire('scroll');
    await settle();
    expect(p.mounted()).toEqual(['w']);

    const short = one({ scroll: 90 });
    short.d.documentElement.scrollHeight = 600;
    await boot(short.w, short.d, short.load);
    await settle();
    expect(short.mounted()).toEqual(['w']);
  });

  it('on exit intent: the pointer leaving through the top edge, not moving between elements', async () => {
    const p = one({ exit: 1 });
    await boot(p.w, p.d, p.load);
    p.fire('mouseout', { target: {}, relatedTarget: {}, clientY: -5 }); // onto another element
    p.fire('mouseout', { target: {}, relatedTarget: null, clientY: 300 }); // out through the side
    await settle();
    expect(p.load).not.toHaveBeenCalled();
    p.fire('mouseout', { target: {}, relatedTarget: null, clientY: -2 });
    await settle();
    expect(p.mounted()).toEqual(['w']);
  });

  it('on exit intent on a phone: a fast flick back up, not reading upwards, not scrolling down', async () => {
    vi.useFakeTimers();
    const p = one({ exit: 1 }, { mobile: true });
    await boot(p.w, p.d, p.load);
    const scrollTo = async (y: number, afterMs: number) => {
      await vi.advanceTimersByTimeAsync(afterMs);
      p.w.scrollY = y;
      p.fire('scroll');
    };
    await scrollTo(2000, 16); // fast, but downwards
    await scrollTo(1990, 16); // reading upwards: 0.6 px/ms
    await scrollTo(1900, 200); // a longer way up, slowly: 0.45 px/ms
    await vi.advanceTimersByTimeAsync(0);
    expect(p.load).not.toHaveBeenCalled();
    await scrollTo(1840, 16); // a flick: 3.75 px/ms
    await vi.advanceTimersByTimeAsync(0);
    expect(p.mounted()).toEqual(['w']);
  });

  it('on exit intent on a desktop, a fast scroll up is no exit', async () => {
    vi.useFakeTimers();
    const p = one({ exit: 1 });
    await boot(p.w, p.d, p.load);
    for (const y of [2000, 1900, 1800]) {
      await vi.advanceTimersByTimeAsync(16);
      p.w.scrollY = y;
      p.fire('scroll');
    }
    await vi.advanceTimersByTimeAsync(0);
    expect(p.load).not.toHaveBeenCalled();
  });

  it('on a click of the selector: shows and opens on every click, never by itself', async () => {
    const p = one({ click: '.call-me' });
    await boot(p.w, p.d, p.load);
    await settle();
    expect(p.load).not.toHaveBeenCalled();
    const closest = vi.fn((sel: string) => (sel == '.call-me' ? {} : null));
    p.fire('click', { target: { closest: () => null } });
    p.fire('click', { target: { closest } });
    await settle();
    expect(closest).toHaveBeenCalledWith('.call-me');
    expect(p.mounted()).toEqual(['w']);
    expect(p.handles.w!.open).toHaveBeenCalledOnce();
    p.fire('click', { target: { closest } });
    await settle();
    expect(p.mount).toHaveBeenCalledOnce();
    expect(p.handles.w!.open).toHaveBeenCalledTimes(2);
  });

  it('a bad selector is logged once, never thrown into the page', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const p = one({ click: '[[' });
    await boot(p.w, p.d, p.load);
    const closest = () => {
      throw new SyntaxError('not a valid selector');
    };
    expect(() => p.fire('click', { target: { closest } })).not.toThrow();
    expect(warn).toHaveBeenCalledOnce();
  });

  it('the JS API opens a widget whatever its trigger and rules say', async () => {
    const p = one({ exit: 1, url: [{ match: 'equals', value: '/elsewhere' }] });
    await boot(p.w, p.d, p.load);
    p.w.widgetry!('open', 'w');
    await settle();
    expect(p.mounted()).toEqual(['w']);
    expect(p.handles.w!.open).toHaveBeenCalledOnce();
  });

  it('device: a mobile widget on a phone only, a desktop one elsewhere', async () => {
    const config = { ...CONFIG, widgets: [widget('w_m', 'banner', { device: 'mobile' }), widget('w_d', 'banner', { device: 'desktop' })] };
    const phone = page({ config, mobile: true });
    await boot(phone.w, phone.d, phone.load);
    const desk = page({ config });
    await boot(desk.w, desk.d, desk.load);
    await settle();
    expect(phone.mounted()).toEqual(['w_m']);
    expect(desk.mounted()).toEqual(['w_d']);
  });
});

describe('frequency caps across page loads', () => {
  /** Two page views of one visitor: storage carries over. */
  async function twoViews(rules: EmbedRules, between?: (first: ReturnType<typeof page>) => unknown) {
    const local = memoryStorage();
    const session = memoryStorage();
    const config = { ...CONFIG, widgets: [widget('w', 'popup', rules)] };
    const first = page({ config, local, session });
    await boot(first.w, first.d, first.load);
    await settle();
    await between?.(first);
    vi.resetModules();
    const { boot: again } = await import('./boot.js');
    const second = page({ config, local, session });
    await again(second.w, second.d, second.load);
    await settle();
    return { first: first.mounted(), second: second.mounted(), local, session };
  }

  it('always: shows on every page and writes nothing', async () => {
    const r = await twoViews({});
    expect([r.first, r.second]).toEqual([['w'], ['w']]);
    expect(r.local.data.size + r.session.data.size).toBe(0);
  });

  it('once per session: a flag in sessionStorage', async () => {
    const r = await twoViews({ session: 1 });
    expect([r.first, r.second]).toEqual([['w'], []]);
    expect([...r.session.data.keys()]).toEqual(['wg.w']);
  });

  it('once per N days: the time of the show in localStorage', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 10, 22, 12));
    const r = await twoViews({ every: 3 });
    expect([r.first, r.second]).toEqual([['w'], []]);
    expect(r.local.data.get('wg.w')).toBe(String(Date.UTC(2026, 10, 22, 12)));
    vi.setSystemTime(Date.UTC(2026, 10, 25, 12, 1));
    const later = page({ config: { ...CONFIG, widgets: [widget('w', 'popup', { every: 3 })] }, local: r.local });
    vi.resetModules();
    await (await import('./boot.js')).boot(later.w, later.d, later.load);
    await settle();
    expect(later.mounted()).toEqual(['w']);
  });

  it("records a show once the runtime is in, so the runtime first sees only earlier page views' values (a returning visitor)", async () => {
    const local = memoryStorage();
    const session = memoryStorage();
    const p = page({ config: { ...CONFIG, widgets: [widget('w', 'popup', { every: 3 }), widget('s', 'banner', { session: 1 })] }, local, session });
    /** What storage held each time the runtime was imported. */
    const seen: string[][] = [];
    let arrive!: () => void;
    const arrived = new Promise<void>((r) => (arrive = r));
    p.load.mockImplementation(async () => {
      seen.push([...local.data.keys(), ...session.data.keys()]);
      await arrived;
      return { mount: p.mount };
    });
    await boot(p.w, p.d, p.load);
    await settle();
    expect(seen).toEqual([[], []]);
    expect(local.data.size + session.data.size).toBe(0);
    arrive();
    await settle();
    expect(p.mounted()).toEqual(['w', 's']);
    expect([...local.data.keys(), ...session.data.keys()]).toEqual(['wg.w', 'wg.s']);
  });

  it('a runtime that fails to load records no show: the widget was not seen', async () => {
    const local = memoryStorage();
    const p = page({ config: { ...CONFIG, widgets: [widget('w', 'popup', { every: 3 })] }, local });
    p.load.mockRejectedValue(new TypeError('Failed to fetch dynamically imported module'));
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await boot(p.w, p.d, p.load);
    await settle();
    expect(local.data.size).toBe(0);
  });

  it('never after a submit: the runtime reports the submit, the next page shows nothing', async () => {
    const r = await twoViews({ once: 1 }, (first) => {
      const detail: PageEventDetail = { widget: 'w', type: 'popup' };
      for (const [name, fn] of first.ctx().on) name == 'submit' && (fn as (d: PageEventDetail) => void)(detail);
    });
    expect([r.first, r.second]).toEqual([['w'], []]);
    expect(r.local.data.get('wg.w.s')).toBe('1');
  });

  it('no submit, no flag: "never after submit" alone shows every time', async () => {
    const r = await twoViews({ once: 1 });
    expect([r.first, r.second]).toEqual([['w'], ['w']]);
  });

  it('blocked storage: the widget still shows, the cap holds for the page, nothing is thrown', async () => {
    const blocked: StorageLike = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    const p = page({ config: { ...CONFIG, widgets: [widget('w', 'popup', { session: 1, url: [{ match: 'starts_with', value: '/catalog' }] })] }, local: blocked, session: blocked });
    await boot(p.w, p.d, p.load);
    await settle();
    expect(p.mounted()).toEqual(['w']);
    // Off the targeted pages and back (a single-page app): the in-memory cap keeps it away.
    p.w.history.pushState(null, '', '/about');
    await settle();
    p.w.history.pushState(null, '', '/catalog/tea');
    await settle();
    expect(p.mount).toHaveBeenCalledOnce();
  });
});

describe('single-page apps', () => {
  it('re-evaluates on pushState, replaceState and popstate; removes what no longer matches', async () => {
    const p = page({ url: 'https://shop.test/' });
    const original = p.history.pushState;
    await boot(p.w, p.d, p.load);
    await settle();
    expect(p.mounted()).toEqual(['w_banner']);

    p.w.history.pushState({}, '', '/catalog/tea');
    expect(original).toHaveBeenCalledWith({}, '', '/catalog/tea'); // the page's own call still happens
    await settle();
    expect(p.mounted()).toEqual(['w_banner', 'w_form']);

    p.w.history.replaceState({}, '', '/blog/post');
    await settle();
    expect(p.handles.w_form!.remove).toHaveBeenCalledOnce();
    expect(p.mounted()).toEqual(['w_banner', 'w_form', 'w_blog']);

    p.go('/catalog/green');
    p.fire('popstate');
    await settle();
    expect(p.handles.w_blog!.remove).toHaveBeenCalledOnce();
    expect(p.mounted()).toEqual(['w_banner', 'w_form', 'w_blog', 'w_form']);
    expect(p.handles.w_banner!.remove).not.toHaveBeenCalled();
  });

  it('a pending delay is cancelled when the route stops matching', async () => {
    vi.useFakeTimers();
    const p = page({ config: { ...CONFIG, widgets: [widget('w', 'popup', { delay: 3, url: [{ match: 'starts_with', value: '/catalog' }] })] } });
    await boot(p.w, p.d, p.load);
    p.w.history.pushState(null, '', '/about');
    await vi.advanceTimersByTimeAsync(5000);
    expect(p.load).not.toHaveBeenCalled();
  });

  it('UTM tags and the referrer of the landing page hold across navigations', async () => {
    const config = {
      ...CONFIG,
      widgets: [widget('w_vk', 'banner', { utm: [{ param: 'utm_source', match: 'equals', value: 'vk' }] }), widget('w_ya', 'banner', { ref: [{ match: 'contains', value: 'ya.ru' }] })],
    };
    const p = page({ url: 'https://shop.test/?utm_source=vk', referrer: 'https://ya.ru/search', config });
    await boot(p.w, p.d, p.load);
    p.w.history.pushState(null, '', '/catalog');
    await settle();
    expect(p.mounted()).toEqual(['w_vk', 'w_ya']);
    expect(p.handles.w_vk!.remove).not.toHaveBeenCalled();
  });
});

describe('JS API', () => {
  it('on and off before and after load land in the context the runtime reads; identify fills ctx.user', async () => {
    const widgetry = stub();
    const early = () => {};
    const late = () => {};
    widgetry('on', 'submit', early);
    widgetry('identify', { name: 'Мария', email: 'm@example.ru' });
    const p = page({ widgetry });
    await boot(p.w, p.d, p.load);
    await settle();
    const ctx = p.ctx();
    p.w.widgetry!('on', 'show', late);
    p.w.widgetry!('on', 'show', late);
    expect(ctx.on.filter(([, f]) => f == early || f == late).map(([n]) => n)).toEqual(['submit', 'show', 'show']);
    p.w.widgetry!('off', 'show', late);
    p.w.widgetry!('off', 'submit', () => {}); // another function: nothing removed
    expect(ctx.on.filter(([, f]) => f == early || f == late).map(([n]) => n)).toEqual(['submit']);
    expect(ctx.user).toEqual({ name: 'Мария', email: 'm@example.ru' });
    p.w.widgetry!('identify', { phone: '+79001234567' });
    expect(ctx.user).toEqual({ name: 'Мария', email: 'm@example.ru', phone: '+79001234567' });
  });
});

describe('A/B variants (loader with rt/ab.js)', () => {
  /** A tested widget: A's entry with the test's id and share, B and C as whole widgets of the same id. */
  const variant = (v: string, p: number, title: string, rules?: EmbedRules) => ({ ...widget('w_ab', 'form', rules), content: { title }, v, p }) as EmbedWidget;
  const tested = (pA = 50, pB = 30, pC = 20, rulesC?: EmbedRules): EmbedConfig => ({
    ...CONFIG,
    ab: 'ab',
    widgets: [widget('w_other', 'banner'), { ...variant('t1', pA, 'A'), ab: [variant('vb', pB, 'B'), variant('vc', pC, 'C', rulesC)] }],
  });
  /** mulberry32: the page views' draws, the same on every run. */
  const seeded = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** A page whose runtime import of rt/ab.js runs the real draw on the page's own globals. */
  async function abPage(options: PageOptions, random: () => number) {
    const p = page(options);
    const events = new Map<string, ((e: Event) => void)[]>();
    const docEvents = { addEventListener: (type: string, l: (e: Event) => void) => void events.set(type, [...(events.get(type) ?? []), l]) };
    const inner = p.load.getMockImplementation()!;
    p.load.mockImplementation(async (url: string) => {
      if (!url.endsWith('/rt/ab.js')) return inner(url);
      drawVariants(p.w.widgetry!.l!, createStore(p.w), random, docEvents);
      return { mount: () => undefined };
    });
    await boot(p.w, p.d, p.load);
    const fire = (name: string) => events.get('widgetry:' + name)?.forEach((l) => l({ detail: { widget: 'w_ab', type: 'form' } } as unknown as Event));
    return { ...p, fire };
  }
  const shown = (p: ReturnType<typeof page>) => (p.mount.mock.calls.find(([x]) => x.id == 'w_ab')?.[0] as EmbedWidget | undefined)?.v;

  it('splits page views by the owner’s shares, within 3 points over 3,000 views', async () => {
    const random = seeded(20);
    const pages = [];
    for (let i = 0; i < 3000; i++) pages.push(await abPage({ config: tested() }, random));
    await settle();
    const count: Record<string, number> = {};
    for (const p of pages) count[shown(p)!] = (count[shown(p)!] ?? 0) + 1;
    expect(Object.keys(count).sort()).toEqual(['t1', 'vb', 'vc']);
    // 3 points is over 3 standard errors of a share near 50 % at 3,000 views.
    expect(Math.abs(count.t1! / 3000 - 0.5)).toBeLessThan(0.03);
    expect(Math.abs(count.vb! / 3000 - 0.3)).toBeLessThan(0.03);
    expect(Math.abs(count.vc! / 3000 - 0.2)).toBeLessThan(0.03);
    // The runtime draws the variant with its own fields, and it is the very object of the
    // config's list (the layout manager ranks by it), without the other variants.
    const b = pages.find((p) => shown(p) == 'vb')!;
    const [drawn, ctx] = b.mount.mock.calls.find(([x]) => x.id == 'w_ab')!;
    expect(drawn).toMatchObject({ id: 'w_ab', content: { title: 'B' }, p: 30 });
    expect(drawn.ab).toBeUndefined();
    expect(ctx.widgets!.indexOf(drawn)).toBe(1);
  });

  it('reads the drawn variant’s rules: C, only for /blog, is not shown on /catalog', async () => {
    const p = await abPage({ config: tested(50, 30, 20, { url: [{ match: 'contains', value: 'blog' }] }) }, () => 0.9);
    await settle();
    expect(p.mounted()).toEqual(['w_other']);
    p.w.history.pushState(null, '', '/blog/post');
    await settle();
    expect(shown(p)).toBe('vc');
  });

  it('stores nothing until the visitor interacts, then keeps the variant for the next page views', async () => {
    const local = memoryStorage();
    const session = memoryStorage();
    const first = await abPage({ config: tested(), local, session }, () => 0.6); // 60: past A's 50, into B's 30
    await settle();
    expect(shown(first)).toBe('vb');
    // A view, even a shown widget, writes nothing (consent-first).
    expect([...local.data, ...session.data]).toEqual([]);
    first.fire('show');
    expect([...local.data]).toEqual([]);
    first.fire('click');
    expect([...local.data]).toEqual([['wg.w_ab.v', 'vb']]);

    // The next page's draw would give C; the kept B is shown.
    const next = await abPage({ config: tested(), local, session }, () => 0.9);
    await settle();
    expect(shown(next)).toBe('vb');
    // The owner took B's traffic away: the kept B is not honoured any more, the draw decides.
    const stopped = await abPage({ config: tested(60, 0, 40), local, session }, () => 0.9);
    await settle();
    expect(shown(stopped)).toBe('vc');
  });

  it('a close or a submit keeps it too; a config without a test never imports rt/ab.js', async () => {
    for (const name of ['close', 'submit']) {
      const local = memoryStorage();
      const p = await abPage({ config: tested(), local }, () => 0.1);
      await settle();
      p.fire(name);
      expect(local.data.get('wg.w_ab.v'), name).toBe('t1');
    }
    const plain = page();
    await boot(plain.w, plain.d, plain.load);
    await settle();
    expect(plain.load.mock.calls.map(([u]) => u).filter((u) => u.includes('/ab.js'))).toEqual([]);
  });
});
