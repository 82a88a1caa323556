// @vitest-environment happy-dom
// The funnel's steps a mounted widget reports (README "Funnel and breakdowns"): a click in it is
// an interaction unless it closed the widget; the first input is a start (and an interaction);
// each once per page load. The beacon is the only stub: sendBeacon, read back as the server would.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EmbedBannerWidget } from '#contracts/core/embed.js';
import type { MountContext } from '#contracts/core/mount.js';
import type { ViewProps } from './mount-widget.js';

let beacon: ReturnType<typeof vi.fn<(url: string, data: string) => boolean>>;
let mountWidget: typeof import('./mount-widget.js').mountWidget;

const ctx: MountContext = { api: 'https://api.widgetry.test', site: 'k_1', badge: null, on: [], user: {} };
const widget = (id: string): EmbedBannerWidget => ({
  id,
  type: 'banner',
  position: 'inline',
  inlineSelector: '#slot',
  colors: { background: '#ffffff', text: '#111111', accent: '#2563eb', onAccent: '#ffffff' },
  content: { title: 'Скидка', text: '', buttonText: '', buttonUrl: '' },
  v: 'vb',
});

/** A view with a close button, a link and a text box, as the real types draw them. */
function View({ close }: ViewProps<EmbedBannerWidget>) {
  return (
    <div>
      <button type="button" class="x" onClick={close}>
        ×
      </button>
      <a href="#more">Подробнее</a>
      <input name="name" />
    </div>
  );
}

beforeEach(async () => {
  vi.resetModules(); // a fresh events.ts is a fresh page load
  document.body.innerHTML = '<div id="slot"></div>';
  beacon = vi.fn(() => true);
  vi.stubGlobal('navigator', { sendBeacon: beacon });
  // happy-dom does not lay out: nothing is ever half visible, so no impression goes.
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      observe() {}
      disconnect() {}
    },
  );
  ({ mountWidget } = await import('./mount-widget.js'));
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const settle = () => new Promise((r) => setTimeout(r, 0));
const steps = () => beacon.mock.calls.flatMap(([, body]) => JSON.parse(body).events).map((e: { widget: string; type: string }) => `${e.widget} ${e.type}`);
const inside = (id: string, selector: string) => document.querySelector(`[data-widgetry-widget="${id}"]`)!.shadowRoot!.querySelector<HTMLElement>(selector)!;
const input = (el: HTMLElement) => el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));

describe('the funnel steps of a mounted widget', () => {
  it('a click inside is an interaction once; the first input a start and an interaction', async () => {
    mountWidget(widget('w_1'), ctx, View, { closable: true });
    mountWidget(widget('w_2'), ctx, View, { closable: true });
    inside('w_1', 'a').click();
    inside('w_1', 'a').click();
    input(inside('w_1', 'input'));
    input(inside('w_1', 'input'));
    await settle();
    // Typing first, with no click before: the start brings its interaction along.
    input(inside('w_2', 'input'));
    await settle();
    expect(steps()).toEqual(['w_1 interact', 'w_1 start', 'w_2 interact', 'w_2 start']);
    const [, body] = beacon.mock.calls[0]!;
    expect(JSON.parse(body).events[0]).toEqual({ widget: 'w_1', type: 'interact', v: 'vb' });
  });

  it('the click that closes a widget is no interaction, only its close', async () => {
    mountWidget(widget('w_1'), ctx, View, { closable: true });
    inside('w_1', '.x').click();
    await settle();
    expect(steps()).toEqual(['w_1 close']);
  });

  it('a preview reports nothing', async () => {
    mountWidget(widget('w_1'), { ...ctx, preview: true }, View, { closable: true });
    inside('w_1', 'a').click();
    input(inside('w_1', 'input'));
    await settle();
    expect(beacon).not.toHaveBeenCalled();
  });
});
