// On a phone a floating lead form or quiz starts folded: a button with its title stands in for
// it, the card hidden, until the visitor taps it (or the page opens it: the handle's open()
// unhides the host). Opened by itself the card would cover most of a small screen.
// mount-widget.tsx hands every floating widget on a phone to place() below, which folds what
// folds and passes the widget on to the layout manager where that has work (a site with two or
// more widgets that take a slot, a bar); a lone card or button needs nothing more, so a phone
// fetches the manager no more often than a desktop. Its own chunk in the split runtime; inside
// rt/solo/form.js and rt/solo/quiz.js (scripts/build-embed.mjs), whose phone page is then
// their desktop page.
import type { EmbedWidget } from '#contracts/core/embed.js';
import type { MountContext } from '#contracts/core/mount.js';
import type { CardLayout, FormContent } from '#contracts/core/widget.js';

// Nothing from the shared chunk but types (see layout.ts): the language switch of i18n.ts is
// repeated here.
declare const WIDGETRY_EN: boolean | undefined;
const EN = typeof WIDGETRY_EN != 'undefined' && WIDGETRY_EN;
const OPEN_FORM = EN ? 'Leave a request' : 'Оставить заявку';

const teaserSheet = new CSSStyleSheet();
teaserSheet.replaceSync('.wg-btn{max-width:calc(100vw - 32px);padding:12px 20px;border-radius:24px;box-shadow:0 4px 16px #0004;font:600 15px/1.3 system-ui,sans-serif}');

/**
 * Takes a floating widget's host on a phone (drawn, and hidden until now). A lead-form or quiz
 * card, unless its owner opens it there at once, gets a stand-in: a button with its title, in
 * the same corner, whose shadow root starts with the host's base sheet (mount-widget.tsx puts
 * it first: the corner, the colours, the button's look).
 */
export function place(host: HTMLElement, w: EmbedWidget, ctx: MountContext): void {
  const root = host.shadowRoot!;
  const bar = /bar/.test(w.position);
  let teaser: HTMLElement | undefined;
  if ((w.type == 'form' || w.type == 'quiz') && !bar && !(w.content as CardLayout).openOnPhones) {
    teaser = document.createElement('widgetry-widget');
    teaser.setAttribute('data-widgetry-teaser', w.id);
    teaser.setAttribute('data-pos', w.position);
    teaser.style.cssText = host.style.cssText;
    const shadow = teaser.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [root.adoptedStyleSheets[0]!, teaserSheet];
    const button = shadow.appendChild(document.createElement('button'));
    button.className = 'wg-btn';
    button.textContent = (w.content as FormContent).title || OPEN_FORM;
    button.onclick = () => {
      host.hidden = false;
      // Focus follows into the card (its first button: the close one), not to the page's top.
      root.querySelector('button')?.focus();
    };
    document.body.append(teaser);
    // The top layer, as for every floating host (mount-widget.tsx).
    if (teaser.showPopover) {
      teaser.popover = 'manual';
      teaser.showPopover();
    }
  }
  if (ctx.lm || bar) {
    // The stand-in waits, hidden, as the host does, until the manager has placed it.
    teaser && (teaser.hidden = true);
    import('./layout.js').then((m) => m.place(host, w, ctx, teaser), log);
  } else if (teaser) {
    // Alone, the stand-in keeps the corner until the card shows (a tap, or the page's
    // widgetry('open')) or leaves the page (SPA navigation): either resizes the host, which
    // the observer reports.
    const observer = new ResizeObserver(() => {
      if (!host.isConnected || !host.hidden) {
        teaser.remove();
        observer.disconnect();
      }
    });
    observer.observe(host);
  } else host.hidden = false;
}

let logged: unknown;
/** Logs the first failure as shell/log.ts does (importing it would split the shared chunk). */
const log = (e: unknown) => logged || ((logged = 1), console.warn('[widgetry]', e));
