// Where widgets go when several share a page (README "Layout of widgets on a page"). The
// runtime's layout manager (widget-runtime/src/shell/layout.ts) places them by these rules, and
// the dashboard shows the licensee the same order before they go live. Pure and tiny: the
// runtime carries it within its byte budget.
import type { Position } from './widget.js';

/** Round floating buttons; everything else floating is a card (or a bar). */
export const isButton = (type: string) => type == 'callback' || type == 'messengers' || type == 'chat';

/**
 * Whether a widget takes a slot the layout manager shares out: a pop-up is a modal dialog, one at
 * a time (queued by the runtime's shell/dialog.tsx), never beside another widget. The one rule
 * behind the config's `lm` (server/src/widgets/embed/config.ts), the runtime's fetch of the layout
 * manager (widget-runtime/src/shell/mount-widget.tsx) and the bench's account of it.
 */
export const takesSlot = (w: { type: string }) => w.type != 'popup';

/**
 * The slot a widget takes: a pop-up is always a modal in the centre (one at a time, the others
 * wait); otherwise its position: a corner, a bar, the centre, or inline in the page.
 */
export const slotOf = (w: { type: string; position: Position }): Position => (takesSlot(w) ? w.position : 'center');

/**
 * The order one slot's widgets stack in, from the edge of the screen inwards: buttons first (a
 * chat or call button stays in the very corner, where visitors look for it), then cards; each
 * group in the owner's order, which is the order of `list` (the widget list's order: creation).
 */
export const stackOrder = <T extends { type: string }>(list: T[]): T[] => [...list.filter((w) => isButton(w.type)), ...list.filter((w) => !isButton(w.type))];
