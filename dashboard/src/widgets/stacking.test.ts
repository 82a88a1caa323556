// The widget list's and the editor's "these share a place" notice: which widgets meet, and in
// what order the layout manager stacks them.
import { describe, expect, it } from 'vitest';
import type { Position } from '#contracts/core/widget.js';
import { sharedSlots, slotWith, type Placed } from './stacking.js';

let n = 0;
const w = (type: string, position: Position, siteId = 'site_a', inlineSelector?: string): Placed => ({ id: `w${++n}_${type}`, type, siteId, position, ...(inlineSelector ? { inlineSelector } : {}) });
const ids = (list: Placed[]) => list.map((x) => x.id.replace(/^w\d+_/, ''));

describe('shared slots', () => {
  it('a corner: buttons from the edge, then cards, each in the owner order', () => {
    const list = [w('form', 'bottom-right'), w('callback', 'bottom-right'), w('quiz', 'bottom-right'), w('chat', 'bottom-right'), w('messengers', 'bottom-right')];
    expect(sharedSlots(list).map((s) => [s.slot, ids(s.widgets)])).toEqual([['bottom-right', ['callback', 'chat', 'messengers', 'form', 'quiz']]]);
  });

  it('bars stack in the owner order; pop-ups share the centre with centred cards and queue in the owner order', () => {
    const list = [w('timer', 'top-bar'), w('popup', 'center'), w('banner', 'top-bar'), w('form', 'center'), w('popup', 'center')];
    expect(sharedSlots(list).map((s) => [s.slot, ids(s.widgets)])).toEqual([
      ['top-bar', ['timer', 'banner']],
      ['center', ['popup', 'form', 'popup']],
    ]);
  });

  it('a widget alone in its slot, other sites and other inline blocks share nothing', () => {
    const list = [
      w('form', 'bottom-right'),
      w('callback', 'bottom-left'),
      w('chat', 'bottom-right', 'site_b'),
      w('form', 'inline', 'site_a', '#a'),
      w('quiz', 'inline', 'site_a', '#b'),
      w('banner', 'top-bar'),
    ];
    expect(sharedSlots(list)).toEqual([]);
  });

  it('inline widgets share the element they go into', () => {
    const list = [w('form', 'inline', 'site_a', '#contacts'), w('quiz', 'inline', 'site_a', '#contacts')];
    const [slot] = sharedSlots(list);
    expect(slot).toMatchObject({ slot: 'inline', selector: '#contacts' });
    expect(ids(slot!.widgets)).toEqual(['form', 'quiz']);
  });

  it('finds the slot a widget is in', () => {
    const chat = w('chat', 'top-left');
    const slots = sharedSlots([w('banner', 'top-left'), chat, w('form', 'bottom-left')]);
    expect(slotWith(slots, chat.id)?.slot).toBe('top-left');
    expect(slotWith(slots, 'nope')).toBeUndefined();
  });
});
