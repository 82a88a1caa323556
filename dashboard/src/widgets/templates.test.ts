// The template gallery: every template is a valid widget once a site is chosen.
import { describe, expect, it } from 'vitest';
import { BUILDABLE_WIDGET_TYPES } from '#contracts/core/widget.js';
import { widgetInputSchema } from '#contracts/schemas/widget.js';
import { widgetTemplates } from './templates.js';

describe('templates', () => {
  const now = Date.UTC(2026, 10, 22);
  const templates = widgetTemplates(now);

  it('offer at least one of every buildable type, each a valid widget once a site is chosen', () => {
    expect(new Set(templates.map((t) => t.type))).toEqual(new Set(BUILDABLE_WIDGET_TYPES));
    expect(new Set(templates.map((t) => t.id)).size).toBe(templates.length);
    for (const tpl of templates) {
      const parsed = widgetInputSchema.safeParse({ ...tpl.widget, siteId: 'site_x' });
      expect(parsed.success, `${tpl.id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(parsed.data!.type).toBe(tpl.type);
      expect(parsed.data!.active).toBe(false);
    }
  });

  it('the timer template ends in the future', () => {
    const timer = templates.find((t) => t.type === 'timer')!.widget as { content: { endsAt: string } };
    expect(timer.content.endsAt).toBe('2026-11-29T23:59');
  });
});
