// Event batching and transport, against stubbed browser globals (node environment).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MountContext } from '../mount-context.js';

const ctx: MountContext = { api: 'https://api.widgetry.test', site: 'k_1', badge: null };
let track: typeof import('./events.js').track;
let sendBeacon: ReturnType<typeof vi.fn<(url: string, data: Blob) => boolean>>;
let fetchMock: ReturnType<typeof vi.fn<(url: string, init: RequestInit) => Promise<Response>>>;

beforeEach(async () => {
  vi.useFakeTimers();
  vi.resetModules(); // events.ts keeps its queue per page: a fresh module is a fresh page
  sendBeacon = vi.fn(() => true);
  fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
  vi.stubGlobal('navigator', { sendBeacon });
  vi.stubGlobal('fetch', fetchMock);
  vi.stubGlobal('addEventListener', vi.fn());
  vi.stubGlobal('document', { addEventListener: vi.fn(), visibilityState: 'visible' });
  ({ track } = await import('./events.js'));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const beaconBodies = () => Promise.all(sendBeacon.mock.calls.map(async ([, blob]) => JSON.parse(await blob.text())));

describe('track', () => {
  it('batches events of one moment into one text/plain beacon per the eventsBatchSchema', async () => {
    track(ctx, 'w_1', 'impression');
    track(ctx, 'w_2', 'impression');
    track(ctx, 'w_1', 'click');
    expect(sendBeacon).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(sendBeacon).toHaveBeenCalledOnce();
    const [url, blob] = sendBeacon.mock.calls[0]!;
    expect(url).toBe('https://api.widgetry.test/v1/events');
    expect(blob.type).toBe('text/plain');
    expect(await beaconBodies()).toEqual([
      { site: 'k_1', events: [{ widget: 'w_1', type: 'impression' }, { widget: 'w_2', type: 'impression' }, { widget: 'w_1', type: 'click' }] },
    ]);
  });

  it('splits batches at the contract maximum of 50', async () => {
    for (let i = 0; i < 120; i++) track(ctx, 'w_' + i, 'impression');
    vi.advanceTimersByTime(100);
    expect((await beaconBodies()).map((b) => b.events.length)).toEqual([50, 50, 20]);
  });

  it('falls back to fetch(keepalive) when the beacon is refused or missing', async () => {
    sendBeacon.mockReturnValue(false);
    track(ctx, 'w_1', 'close');
    vi.advanceTimersByTime(100);
    vi.stubGlobal('navigator', {});
    track(ctx, 'w_1', 'impression');
    vi.advanceTimersByTime(100);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('https://api.widgetry.test/v1/events');
    expect(init).toMatchObject({ method: 'POST', keepalive: true, credentials: 'omit', headers: { 'Content-Type': 'text/plain' } });
    expect(JSON.parse(init.body as string)).toEqual({ site: 'k_1', events: [{ widget: 'w_1', type: 'close' }] });
  });

  it('sends what is pending when the page is hidden, before the timer', () => {
    track(ctx, 'w_1', 'impression');
    const onPageHide = vi.mocked(addEventListener).mock.calls.find(([type]) => type === 'pagehide')![1] as () => void;
    onPageHide();
    expect(sendBeacon).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(100);
    expect(sendBeacon).toHaveBeenCalledOnce();
  });
});
