// The geometry of one corner: boxes (in stacking order, widths and heights in px) go into
// columns from the corner's edge inwards; a box goes into the first column it fits in (a
// column is never too short for its first box), and a column that would cross the far edge
// of the screen takes nothing: its boxes wait until there is room. Pure, for unit tests.

/** The space between two widgets, and between a column and the next. */
export const GAP = 12;

/**
 * [distance from the side edge, distance from the top or bottom edge] of each box, margins
 * not included; 0 for a box that has no room now. `height` and `width` are the room the
 * corner has (the screen less margins and bars).
 */
export function columns(boxes: [w: number, h: number][], height: number, width: number): ([x: number, y: number] | 0)[] {
  /** Per column: the height used so far (less one gap) and its widest box. */
  const cols: [used: number, wide: number][] = [];
  const at = boxes.map(([w, h]) => {
    let i = 0;
    while (cols[i] && cols[i]![0] + GAP + h > height) i++;
    const c = (cols[i] ||= [-GAP, 0]);
    const y = c[0] + GAP;
    c[0] = y + h;
    c[1] = Math.max(c[1], w);
    return [i, y];
  });
  let x = 0;
  const xs = cols.map((c) => (x += c[1] + GAP) - c[1] - GAP);
  return at.map(([i, y]) => (!i || xs[i!]! + cols[i!]![1] <= width ? [xs[i!]!, y!] : 0));
}
