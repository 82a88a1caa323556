// The geometry of a side: columns from the edge inwards, first fit, the top and bottom corners
// sharing them, nothing over the far edge.
import { describe, expect, it } from 'vitest';
import { GAP, columns } from './stack.js';

const FAB: [number, number] = [56, 56];
const CARD: [number, number] = [360, 400];

describe('columns of a side', () => {
  it('stacks boxes from the edge with a gap between them while they fit', () => {
    expect(columns([FAB, FAB, FAB], 768, 1248)).toEqual([
      [0, 0],
      [0, 56 + GAP],
      [0, 2 * (56 + GAP)],
    ]);
  });

  it('starts the next column, inwards past the widest box, for what does not fit the height', () => {
    // Three buttons (192 px with their gaps) and a card (400) fit 620 px; the second card does not.
    expect(columns([FAB, FAB, FAB, CARD, CARD], 620, 1248)).toEqual([
      [0, 0],
      [0, 68],
      [0, 136],
      [0, 204],
      [360 + GAP, 0],
    ]);
  });

  it('puts a box in the first column it fits, not only the last one', () => {
    expect(columns([CARD, CARD, FAB], 500, 1248)).toEqual([
      [0, 0],
      [360 + GAP, 0],
      [0, 400 + GAP],
    ]);
  });

  it('gives a box taller than the room a column of its own rather than nothing', () => {
    expect(columns([FAB, [360, 900]], 600, 1248)).toEqual([
      [0, 0],
      [56 + GAP, 0],
    ]);
  });

  it('fills a column from the bottom and from the top, and moves on when the two would meet', () => {
    const top = (b: [number, number]): [number, number, boolean] => [...b, true];
    // 768 px of room: the bottom card and a top button fit together; a second top card does not.
    expect(columns([CARD, top(FAB), top(CARD)], 768, 1248)).toEqual([
      [0, 0],
      [0, 0],
      [360 + GAP, 0],
    ]);
    // The top stack goes on below its first box, in the same column while it fits.
    expect(columns([FAB, top(FAB), top(FAB)], 768, 1248)).toEqual([
      [0, 0],
      [0, 0],
      [0, 56 + GAP],
    ]);
  });

  it('has a box that would cross the far edge of the screen wait (0), but never the first column', () => {
    // A phone: 343 px of room; a card, a button above it, and no room for another beside them.
    expect(columns([[343, 500], FAB, FAB], 600, 343)).toEqual([[0, 0], [0, 512], 0]);
    expect(columns([[400, 300]], 560, 343)).toEqual([[0, 0]]);
  });
});
