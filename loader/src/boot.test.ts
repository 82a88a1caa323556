// The loader against fake page globals (node has no DOM; boot() takes its globals as arguments).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EmbedConfig, EmbedWidget } from '../../server/src/contracts/embed.js';
import type { MountContext, RuntimeModule, WidgetHandle } from '../../widget-runtime/src/mount-context.js';
import type { LoaderDocument, LoaderWindow, WidgetryApi } from './boot.js';

type Boot = typeof import('./boot.js').boot;
let boot: Boot;

beforeEach(async () => {
  // boot.ts logs once per page: a fresh module per test is a fresh page.
  vi.resetModules();
  ({ boot } = await import('./boot.js'));
});
afterEach(() => {
  vi.restoreAllMocks();
});

const widget = (id: string, type: 'banner' | 'form', urlRule: EmbedWidget['urlRule'] = { match: 'any', value: '' }) =>
  ({ id, type, urlRule, position: 'bottom-right', colors: { background: '#ffffff', text: '#000000', accent: '#2563eb' }, content: {} }) as EmbedWidget;

const CONFIG: EmbedConfig = {
  site: 'k_1',
  badge: { text: 'Widgetry', url: 'https://widgetry.test/' },
  widgets: [widget('w_banner', 'banner'), widget('w_form', 'form', { match: 'starts_with', value: '/catalog' }), widget('w_blog', 'banner', { match: 'contains', value: 'blog' })],
};

interface PageOptions {
  url?: string;
  dataset?: Record<string, string>;
  src?: string;
  readyState?: string;
  widgetry?: WidgetryApi;
  answer?: () => Promise<{ ok: boolean; json(): Promise<unknown> }>;
}

/** A page with the snippet on it, and a fake runtime whose mount() returns spy handles. */
function page({
  url = 'https://shop.test/catalog/shoes',
  dataset = { site: 'k_1' },
  src = 'https://cdn.widgetry.test/loader.js',
  readyState = 'complete',
  widgetry,
  answer = async () => ({ ok: true, json: async () => structuredClone(CONFIG) }),
}: PageOptions = {}) {
  const fetch = vi.fn((_url: string, _init: { credentials: 'omit' }) => answer());
  const w: LoaderWindow = { location: new URL(url), fetch, widgetry };
  const listeners: (() => void)[] = [];
  const d: LoaderDocument = {
    currentScript: { dataset, src },
    readyState,
    addEventListener: (_type, listener) => listeners.push(listener),
  };
  const handles: Record<string, WidgetHandle> = {};
  const mount = vi.fn((x: EmbedWidget, _ctx: MountContext) => (handles[x.id] = { open: vi.fn(), close: vi.fn() }));
  const load = vi.fn(async (_url: string): Promise<RuntimeModule> => ({ mount }));
  return { w, d, fetch, load, mount, handles, domReady: () => listeners.forEach((l) => l()) };
}

/** The queue stub exactly as the snippet defines it, bound to a fake window. */
function stub(): WidgetryApi {
  const api: WidgetryApi = function () {
    (api.q = api.q || []).push(arguments);
  };
  return api;
}

describe('loader boot', () => {
  it('fetches the config from the script origin and mounts only the widgets whose URL rule matches', async () => {
    const p = page();
    await boot(p.w, p.d, p.load);
    expect(p.fetch).toHaveBeenCalledOnce();
    expect(p.fetch).toHaveBeenCalledWith('https://cdn.widgetry.test/v1/sites/k_1/config', { credentials: 'omit' });
    expect(p.load.mock.calls.map(([u]) => u)).toEqual(['https://cdn.widgetry.test/rt/banner.js', 'https://cdn.widgetry.test/rt/form.js']);
    expect(p.mount.mock.calls.map(([x]) => x.id)).toEqual(['w_banner', 'w_form']);
    const ctx: MountContext = { api: 'https://cdn.widgetry.test', site: 'k_1', badge: CONFIG.badge };
    expect(p.mount.mock.calls[0]![1]).toEqual(ctx);
  });

  it('encodes the site key and honours a data-api origin override', async () => {
    const p = page({ dataset: { site: 'a/b?c', api: 'https://api.widgetry.test/some/path/' } });
    await boot(p.w, p.d, p.load);
    expect(p.fetch.mock.calls[0]![0]).toBe('https://api.widgetry.test/v1/sites/a%2Fb%3Fc/config');
    expect(p.load.mock.calls[0]![0]).toBe('https://api.widgetry.test/rt/banner.js');
  });

  it('downloads no runtime code when no widget matches the page', async () => {
    const p = page({ url: 'https://shop.test/about', answer: async () => ({ ok: true, json: async () => ({ ...CONFIG, widgets: [CONFIG.widgets[1]] }) }) });
    await boot(p.w, p.d, p.load);
    expect(p.load).not.toHaveBeenCalled();
  });

  it('is idempotent: a second snippet on the page creates no second widgets', async () => {
    const p = page();
    await boot(p.w, p.d, p.load);
    const first = p.w.widgetry;
    // The second snippet's stub keeps the real function (`window.widgetry||…`), then its loader runs.
    p.w.widgetry = p.w.widgetry || stub();
    await boot(p.w, { ...p.d, currentScript: { dataset: { site: 'k_other' }, src: 'https://x.test/loader.js' } }, p.load);
    expect(p.fetch).toHaveBeenCalledOnce();
    expect(p.mount).toHaveBeenCalledTimes(2);
    expect(p.w.widgetry).toBe(first);
  });

  it('is idempotent when two loaders start before either has finished', async () => {
    const p = page();
    await Promise.all([boot(p.w, p.d, p.load), boot(p.w, p.d, p.load)]);
    expect(p.fetch).toHaveBeenCalledOnce();
    expect(p.mount).toHaveBeenCalledTimes(2);
  });

  it('drains the queue stub after mounting and then runs commands directly; unknown ones are ignored', async () => {
    const widgetry = stub();
    widgetry('open', 'w_form');
    widgetry('on', 'submit', () => {}); // not supported yet: ignored, no throw
    widgetry('close', 'no_such_widget');
    widgetry();
    const p = page({ widgetry });
    await boot(p.w, p.d, p.load);
    expect(p.w.widgetry).not.toBe(widgetry);
    expect(p.handles.w_form!.open).toHaveBeenCalledOnce();
    p.w.widgetry!('close', 'w_banner');
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
    expect(p.handles.w_banner!.close).toHaveBeenCalledOnce();
  });

  it('waits for the DOM before mounting when the script ran during parsing', async () => {
    const p = page({ readyState: 'loading' });
    const running = boot(p.w, p.d, p.load);
    await new Promise((r) => setTimeout(r, 10));
    expect(p.mount).not.toHaveBeenCalled();
    p.domReady();
    await running;
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
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]![0]).toBe('[widgetry]');
  });

  it('survives a malformed config', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const p = page({ answer: async () => ({ ok: true, json: async () => ({ site: 'k_1' }) }) });
    await expect(boot(p.w, p.d, p.load)).resolves.toBeUndefined();
    expect(p.load).not.toHaveBeenCalled();
  });

  it('keeps the other widgets when one runtime fails to load or mount, and logs once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const p = page();
    const mount = vi.fn(() => {
      throw new Error('boom');
    });
    const load = vi.fn(async (url: string): Promise<RuntimeModule> => {
      if (url.endsWith('/banner.js')) throw new TypeError('import failed');
      return { mount: url.endsWith('/form.js') ? p.mount : mount };
    });
    await boot(p.w, p.d, load);
    expect(p.mount.mock.calls.map(([x]) => x.id)).toEqual(['w_form']);
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
});
