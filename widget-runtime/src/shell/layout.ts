// The layout manager (README, "Layout of widgets on a page"): one place decides where every
// floating widget of the page goes, by slot. Bars stack from their edge (and push the page,
// unless the owner chose otherwise); each corner stacks buttons from the edge, then cards, in
// columns that never overlap (what has no room waits, hidden, until there is); one card at a
// time in the centre (pop-ups queue in shell/dialog.tsx). On a phone a lead-form card starts
// folded into a button with its title (fold.ts), which takes its slot. Hosts are moved from
// where the base sheet puts them (16 px from their edges) by a translation read from --wg-t,
// set through CSSOM: a strict CSP allows that.
// Its own chunk, fetched only where it has work: a site with two or more widgets that take a
// slot (pop-ups take none; the config says so with `lm`), or a bar. mount-widget.tsx fetches it
// on a larger screen, fold.ts on a phone (a lone card or button there gets fold.ts alone).
import type { EmbedWidget } from '#contracts/core/embed.js';
import { isButton } from '#contracts/core/layout.js';
import type { MountContext } from '#contracts/core/mount.js';
import type { BarLayout } from '#contracts/core/widget.js';
import { push } from './push.js';
import { columns } from './stack.js';

// Nothing from the shared chunk (nor fold.ts) but types: a module both the types and this
// chunk import would be split off into a chunk of its own (one more file on every page). So
// the base sheet comes from the host itself.

/** The margin between a widget and the edges of the screen. */
const EDGE = 16;
/** A screen narrower than this is a phone's (as in fold.ts and mount-widget.tsx). */
const PHONE = 768;

interface Item {
  /** The widget's host element. */
  h: HTMLElement;
  w: EmbedWidget;
  /** The owner's order: the widget's index in the config. */
  r: number;
  /** While folded: the button that stands in for it. */
  t?: HTMLElement | undefined;
  /** Unfolded on a phone: first in its corner, whatever else has to wait. */
  o?: 1;
}

/** The page's placed widgets, in the owner's order. */
const items: Item[] = [];
let logged: unknown;
/** Logs the first failure of this chunk as shell/log.ts does (importing it would split the shared chunk). */
const log = (e: unknown) => logged || ((logged = 1), console.warn('[widgetry]', e));
let frame = 0;
/**
 * Lays out again at the next frame, once however many sizes changed. Not within the resize
 * observer's callback: moving the page (push) may resize what it observes again, which the
 * browser reports to the page as an error.
 */
const later = () => (frame ||= requestAnimationFrame(() => ((frame = 0), relayout())));
const observer = new ResizeObserver(later);
addEventListener('resize', later);
/** layout(), whose failure is logged once and never reaches the page. */
const relayout = () => {
  try {
    layout();
  } catch (e) {
    log(e);
  }
};

/** What a placed host (or stand-in) reads: the move, and data-wait for one that has no room yet. */
const placedSheet = new CSSStyleSheet();
placedSheet.replaceSync(':host{translate:var(--wg-t)!important}:host([data-wait]){visibility:hidden!important}');

/**
 * Takes a host that mount-widget drew (and hid until now) and places it with the others. On a
 * phone fold.ts hands it over, with the stand-in of a folded card (hidden until now): that
 * takes the slot, the card hidden, until the visitor taps it (or the page opens it: the
 * handle's open() unhides the card, and the next layout drops the stand-in).
 */
export function place(host: HTMLElement, w: EmbedWidget, ctx: MountContext, teaser?: HTMLElement): void {
  try {
    placed(host);
    const item: Item = { h: host, w, r: ctx.widgets ? ctx.widgets.indexOf(w) : 0, t: teaser };
    items.push(item);
    items.sort((a, b) => a.r - b.r);
    if (teaser) {
      placed(teaser);
      teaser.hidden = false;
      // A tap unhides the card (fold.ts); it comes first in its corner at once.
      teaser.addEventListener('click', relayout);
      observer.observe(teaser);
    } else host.hidden = false;
    observer.observe(host);
    relayout();
  } catch (e) {
    log(e);
  }
}

/** A stand-in or a host takes the slot: the move, and data-wait (placedSheet). */
const placed = (e: HTMLElement) => {
  const root = e.shadowRoot!;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, placedSheet];
};

/**
 * A corner's order: what the visitor opened (an unfolded form on a phone, an open chat with its
 * panel: it always has room), then buttons by the edge, then cards.
 */
const key = (it: Item) => (it.o || it.h.hasAttribute('data-open') ? 0 : isButton(it.w.type) ? 1 : 2);

/** Bars push the page unless the owner said never, or said phones and this is a larger screen. */
const pushes = (w: EmbedWidget) => {
  const p = (w.content as BarLayout).push;
  return p != 'never' && (p != 'phones' || innerWidth < PHONE);
};

function layout(): void {
  for (let i = items.length; i--; ) {
    const it = items[i]!;
    // Gone (the page navigated where it is not shown): forget it and its stand-in. Unfolded
    // (a tap, or the page's widgetry('open')): the stand-in goes, and the form comes first.
    const gone = !it.h.isConnected;
    if (it.t && (gone || !it.h.hidden)) {
      it.t.remove();
      it.t = undefined;
      it.o = 1;
    }
    if (gone) items.splice(i, 1);
  }
  /** What stands in the slot: the stand-in of a folded card, or the widget. */
  const el = (it: Item) => it.t || it.h;
  // A closed widget (or a timer run out) has no box and takes no room.
  const shown = items.filter((it) => el(it).offsetHeight);
  // A widget that covers the whole screen (a chat open as a sheet on a phone): everything else
  // waits under it, out of sight and out of the keyboard's way, until it closes (below). Read
  // here, before this pass writes anything, so it forces no second layout of the page.
  const sheet = shown.find((it) => el(it).offsetHeight >= innerHeight);
  const move = (e: HTMLElement, x: number, y: number) => e.style.setProperty('--wg-t', x + 'px ' + y + 'px');
  /** Stacks an edge's bars; [their height, how far they push the page]. */
  const bars = (pos: string) => {
    let y = 0;
    let by = 0;
    shown.forEach((it) => {
      if (it.w.position == pos) {
        move(it.h, 0, pos == 'top-bar' ? y : -y);
        it.h.removeAttribute('data-wait');
        y += it.h.offsetHeight;
        // The page moves down to the lowest bar that pushes it.
        if (pushes(it.w)) by = y;
      }
    });
    return [y, by];
  };
  const [top, pushTop] = bars('top-bar');
  const [bottom, pushBottom] = bars('bottom-bar');
  push(pushTop!, pushBottom!);
  // The two corners of a side share its columns, so a tall bottom-right stack and a tall
  // top-right one never meet.
  for (const side of ['right', 'left']) {
    // Bottom corner first, then top; in the owner's order within each group of key() (the
    // sort is stable).
    const list = ['bottom-', 'top-'].flatMap((end) => shown.filter((it) => it.w.position == end + side).sort((a, b) => key(a) - key(b)));
    // Towards the middle of the screen: left from a right corner, up from a bottom one.
    const dx = side == 'left' ? 1 : -1;
    const room = innerHeight - top! - bottom! - 2 * EDGE;
    columns(
      list.map((it) => [el(it).offsetWidth, el(it).offsetHeight, it.w.position[0] == 't']),
      room,
      innerWidth - 2 * EDGE,
    ).forEach((at, i) => {
      const e = el(list[i]!);
      const down = list[i]!.w.position[0] == 't';
      at && move(e, dx * at[0], down ? top! + at[1] : -bottom! - at[1]);
      e.toggleAttribute('data-wait', !at);
      // The height a widget may take here (a chat's panel keeps within it).
      e.style.setProperty('--wg-h', room + 'px');
    });
  }
  // The centre holds one card at a time; the next shows when it is closed.
  shown.filter((it) => it.w.position == 'center').forEach((it, i) => el(it).toggleAttribute('data-wait', i > 0));
  sheet && shown.forEach((it) => it != sheet && el(it).toggleAttribute('data-wait', true));
}
