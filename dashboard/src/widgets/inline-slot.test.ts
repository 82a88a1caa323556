// The block a licensee pastes into their page for an inline widget, made from the selector.
import { describe, expect, it } from 'vitest';
import { inlineSlotCode, SUGGESTED_INLINE_SELECTOR } from './inline-slot.js';

describe('inline slot code', () => {
  it('is an empty div with the id or class the selector names', () => {
    expect(inlineSlotCode(SUGGESTED_INLINE_SELECTOR)).toBe('<div id="widgetry-form"></div>');
    expect(inlineSlotCode(' .contacts ')).toBe('<div class="contacts"></div>');
    expect(inlineSlotCode('#form_2')).toBe('<div id="form_2"></div>');
  });

  it('is nothing for a selector that no single empty block stands for', () => {
    for (const s of ['main .contacts', '#a.b', 'div', '#', '.', '#1abc', '[data-x]', '#a"onload="x']) expect(inlineSlotCode(s), s).toBeNull();
  });
});
