// Shared mount(): host element, shadow root, styles, colours, top layer, error boundary,
// impressions, page events, and the handle behind widgetry('open'|'close') and SPA navigation.
// Each rt/{type}.js calls it with its own view and stylesheet.
import { render, type ComponentType } from 'preact';
import type { EmbedWidget } from '#contracts/core/embed.js';
import type { MountContext, WidgetHandle } from '#contracts/core/mount.js';
import { ErrorBoundary } from './error-boundary.js';
import { track } from './events.js';
import { onceHalfVisible } from './impression.js';
import { log } from './log.js';
import { notify } from './notify.js';
import { baseSheet } from './styles.js';

export interface ViewProps<W extends EmbedWidget> {
  widget: W;
  ctx: MountContext;
  /** Hides the widget and reports a `close` event; absent when the widget is not closable. */
  close?: (() => void) | undefined;
  /** The widget is hidden (closed): a view with an open modal dialog must close it. */
  hidden: boolean;
  /** How many times the page or a click trigger asked to open it: popups reopen, buttons expand. */
  opened: number;
}

export interface MountOptions {
  /** The type's own stylesheets (from lazySheet), if it has any. */
  sheets?: (() => CSSStyleSheet)[];
  closable: boolean;
  /**
   * The view draws a modal <dialog> (top layer by itself): the host stays an empty anchor in
   * the middle of the screen (a popup's position is "center"), where the impression observer
   * sees it. It takes no slot (contracts/core/layout.ts `takesSlot`, whose import here would
   * cost every type's entry an import of a chunk of its own: +25 B gzip on rt/solo/form.js).
   */
  modal?: boolean;
}

export function mountWidget<W extends EmbedWidget>(widget: W, ctx: MountContext, View: ComponentType<ViewProps<W>>, { sheets = [], closable, modal }: MountOptions): WidgetHandle | undefined {
  const inline = widget.position == 'inline';
  const parent = inline ? widget.inlineSelector && document.querySelector(widget.inlineSelector) : document.body;
  // The licensee's selector matches nothing on this page: a normal state (the section exists
  // on some pages only), so draw nothing and keep the page's console clean.
  if (!parent) return;
  // A custom-element name: host-page rules for div/section/etc. do not match it, and
  // attachShadow is allowed on any valid custom-element name without defining it.
  const host = document.createElement('widgetry-widget');
  host.dataset.widgetryWidget = widget.id; // data-widgetry-widget
  host.dataset.pos = widget.position;
  // CSSOM (cssText), not a style attribute in markup: allowed under a strict CSP (style-src).
  // The colours are #rrggbb, validated by the server: nothing else can ride along.
  const c = widget.colors;
  host.style.cssText = `--wg-bg:${c.background};--wg-fg:${c.text};--wg-accent:${c.accent};--wg-on-accent:${c.onAccent}`;
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [baseSheet, ...sheets].map((s) => s());
  parent.append(host);
  // The top layer (a manual popover) puts a floating widget above every z-index of the page,
  // and out of reach of a transformed, filtered or clipped ancestor that would otherwise
  // capture position:fixed. Browsers without popovers keep the fixed host in <body>. A modal's
  // host, the empty anchor its impression is watched on, goes there too: in a transformed body
  // it would be placed against the body, off the screen, and its impression never counted.
  if (!inline && host.showPopover) {
    host.popover = 'manual';
    host.showPopover();
  }

  let hidden = false;
  let opened = 0;
  const remove = () => {
    render(null, root);
    host.remove();
  };
  const close = () => {
    if (!hidden) {
      hidden = true;
      draw();
      notify(ctx, widget, 'close');
    }
  };
  const draw = () => {
    host.hidden = hidden;
    render(
      <ErrorBoundary onError={() => host.remove()}>
        <View widget={widget} ctx={ctx} close={closable ? close : undefined} hidden={hidden} opened={opened} />
      </ErrorBoundary>,
      root,
    );
  };
  draw();
  // The funnel's steps (README "Funnel and breakdowns"), once each (events.ts): any click in the
  // widget is an interaction — opening it, a link, a first answer — but the one that closed it
  // (close() ran before the click reached the root); the first value typed or chosen in its form
  // or quiz (`input` also fires for boxes, radios and selects) is a start, and an interaction.
  const step = (e: Event) => {
    hidden || track(ctx, widget, 'interact');
    e.type == 'input' && track(ctx, widget, 'start');
  };
  root.addEventListener('click', step);
  root.addEventListener('input', step);
  // Where the layout manager has work (a second widget of the site may share the slot: the
  // config's `lm`; a bar may push the page), and on any phone (lead forms start folded there),
  // the host stays hidden until it is placed: by the manager, or on a phone by fold.ts, which
  // fetches the manager only where it has work. Each chunk is fetched only then (the browser's
  // module map fetches it once); should it fail to arrive, the widget stays unseen, as when its
  // own rt/{type}.js fails, and the failure is logged.
  if (!inline && !modal && (ctx.lm || innerWidth < 768 || /bar/.test(widget.position))) {
    host.hidden = true;
    (innerWidth < 768 ? import('./fold.js') : import('./layout.js')).then((m) => m.place(host, widget, ctx), log);
  }
  // A widget that failed to render was removed above: it is not shown and counts nothing.
  if (host.isConnected) {
    notify(ctx, widget, 'show');
    onceHalfVisible(host, () => track(ctx, widget, 'impression'));
  }
  return {
    open() {
      hidden && notify(ctx, widget, 'show');
      hidden = false;
      opened++;
      draw();
    },
    close() {
      hidden = true;
      draw();
    },
    remove,
  };
}
