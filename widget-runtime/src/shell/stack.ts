// The geometry of one side of the screen (its top and bottom corners): boxes go into columns
// from the side's edge inwards, each box into the first column where it fits between what that
// column already holds from the bottom and from the top (a column is never too short for its
// first box); a column that would cross the far side of the screen takes nothing: its boxes
// wait until there is room. Pure, for unit tests.

/** The space between two widgets, and between a column and the next. */
export const GAP = 12;

/**
 * [distance from the side edge, distance from the top or bottom edge] of each box (margins not
 * included), or 0 for a box that has no room now. A box is [width, height, stacks from the
 * top]; `height` and `width` are the room the side has (the screen less margins and bars).
 */
export function columns(boxes: [w: number, h: number, top?: boolean][], height: number, width: number): ([x: number, y: number] | 0)[] {
  /** Per column: the height taken from the bottom and from the top (each box with its gap), its widest box. */
  const cols: [bottom: number, top: number, wide: number][] = [];
  const at = boxes.map(([w, h, top]) => {
    let i = 0;
    while (cols[i] && cols[i]![0] + cols[i]![1] + h > height) i++;
    const c = (cols[i] ||= [0, 0, 0]);
    const end = top ? 1 : 0;
    const y = c[end];
    c[end] += h + GAP;
    c[2] = Math.max(c[2], w);
    return [i, y];
  });
  let x = 0;
  const xs = cols.map((c) => (x += c[2] + GAP) - c[2] - GAP);
  return at.map(([i, y]) => (!i || xs[i!]! + cols[i!]![2] <= width ? [xs[i!]!, y!] : 0));
}
