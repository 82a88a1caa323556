// Shared mount(): host element, shadow root, styles, colours, error boundary, impressions,
// and the open/close handle. Each rt/{type}.js calls it with its own view and stylesheet.
import { render, type ComponentType } from 'preact';
import type { EmbedWidget } from '../../../server/src/contracts/embed.js';
import type { MountContext, WidgetHandle } from '../mount-context.js';
import { ErrorBoundary } from './error-boundary.js';
import { track } from './events.js';
import { onceHalfVisible } from './impression.js';
import { baseSheet } from './styles.js';

export interface ViewProps<W extends EmbedWidget> {
  widget: W;
  ctx: MountContext;
  /** Hides the widget and reports a `close` event; absent when the widget is not closable. */
  close?: (() => void) | undefined;
}

export interface MountOptions {
  /** The type's own stylesheet (from lazySheet). */
  sheet: () => CSSStyleSheet;
  closable: boolean;
}

export function mountWidget<W extends EmbedWidget>(
  widget: W,
  ctx: MountContext,
  View: ComponentType<ViewProps<W>>,
  { sheet, closable }: MountOptions,
): WidgetHandle | undefined {
  const parent =
    widget.position == 'inline' ? widget.inlineSelector && document.querySelector(widget.inlineSelector) : document.body;
  // The licensee's selector matches nothing on this page: a normal state (the section exists
  // on some pages only), so draw nothing and keep the page's console clean.
  if (!parent) return;
  // A custom-element name: host-page rules for div/section/etc. do not match it, and
  // attachShadow is allowed on any valid custom-element name without defining it.
  const host = document.createElement('widgetry-widget');
  host.setAttribute('data-widgetry-widget', widget.id);
  host.setAttribute('data-pos', widget.position);
  // CSSOM, not a style attribute in markup: allowed under a strict CSP (style-src).
  const c = widget.colors;
  const style = host.style;
  style.setProperty('--wg-bg', c.background);
  style.setProperty('--wg-fg', c.text);
  style.setProperty('--wg-accent', c.accent);
  style.setProperty('--wg-on-accent', readableOn(c.accent));
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [baseSheet(), sheet()];
  parent.append(host);

  const hide = () => {
    host.hidden = true;
  };
  const close = closable
    ? () => {
        hide();
        track(ctx, widget.id, 'close');
      }
    : undefined;
  render(
    <ErrorBoundary onError={() => host.remove()}>
      <View widget={widget} ctx={ctx} close={close} />
    </ErrorBoundary>,
    root,
  );
  // A widget that failed to render was removed above and must not count an impression.
  if (host.isConnected) onceHalfVisible(host, () => track(ctx, widget.id, 'impression'));
  return {
    open() {
      host.hidden = false;
    },
    close: hide,
  };
}

/** Black or white text on the accent colour, whichever reads better (YIQ brightness). */
function readableOn(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return (n >> 16) * 299 + ((n >> 8) & 255) * 587 + (n & 255) * 114 > 150000 ? '#111' : '#fff';
}
