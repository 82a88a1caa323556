// The English runtime turns the badge into «Made with …» by cutting a fixed number of characters
// off the server's Russian text: a change of the prefix must fail here, not garble English pages.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BADGE_PREFIX_RU, badgeTextRu } from './badge.js';

const RUNTIME_BADGE = resolve(import.meta.dirname, '../../widget-runtime/src/shell/badge.tsx');

describe('the badge prefix the English runtime replaces', () => {
  it('is 10 characters long, the number the runtime cuts', () => {
    expect(BADGE_PREFIX_RU.length).toBe(10);
    expect(readFileSync(RUNTIME_BADGE, 'utf8')).toContain(`'Made with' + badge.text.slice(${BADGE_PREFIX_RU.length})`);
  });

  it('starts the badge text, followed by a space and the brand', () => {
    const text = badgeTextRu('Widgetry');
    expect(text.startsWith(BADGE_PREFIX_RU)).toBe(true);
    expect('Made with' + text.slice(10)).toBe('Made with Widgetry');
  });
});
