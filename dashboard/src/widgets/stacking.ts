// Where a site's widgets meet on its pages: the slots that two or more of them share, each with
// its widgets in the order the runtime's layout manager puts them (contracts/core/layout.ts;
// README, "Layout of widgets on a page"). Pure: the widget list and the editor show it.
import { slotOf, stackOrder } from '#contracts/core/layout.js';
import { CORNER_POSITIONS, type Position } from '#contracts/core/widget.js';

/** What placing needs to know of a widget. */
export interface Placed {
  id: string;
  type: string;
  siteId: string;
  position: Position;
  inlineSelector?: string | undefined;
}

export interface SharedSlot<W extends Placed> {
  siteId: string;
  slot: Position;
  /** Inline widgets share a slot when they go into the same element of the page. */
  selector?: string;
  /**
   * In the order they take: from the screen's edge inwards in a corner (buttons, then cards)
   * and in a bar stack; the order they open in for the centre (one at a time); one after the
   * other inside an inline block.
   */
  widgets: W[];
}

const isCorner = (p: Position) => (CORNER_POSITIONS as readonly Position[]).includes(p);

/**
 * The slots two or more of `widgets` share, site by site. Pass the widgets that show (active
 * and served), in the widget list's order: the owner's order, which is also the config's.
 */
export function sharedSlots<W extends Placed>(widgets: W[]): SharedSlot<W>[] {
  const groups = new Map<string, SharedSlot<W>>();
  for (const w of widgets) {
    const slot = slotOf(w);
    const selector = slot === 'inline' ? (w.inlineSelector ?? '') : undefined;
    const key = `${w.siteId}\n${slot}\n${selector ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = { siteId: w.siteId, slot, ...(selector === undefined ? {} : { selector }), widgets: [] };
      groups.set(key, group);
    }
    group.widgets.push(w);
  }
  return [...groups.values()].filter((g) => g.widgets.length > 1).map((g) => (isCorner(g.slot) ? { ...g, widgets: stackOrder(g.widgets) } : g));
}

/** The shared slot `id` is in, if any. */
export const slotWith = <W extends Placed>(slots: SharedSlot<W>[], id: string) => slots.find((s) => s.widgets.some((w) => w.id === id));
