// The template gallery: every template is a valid widget once a site is chosen, in either
// language, and the English gallery starts English widgets.
import { describe, expect, it } from 'vitest';
import { BUILDABLE_WIDGET_TYPES } from '#contracts/core/widget.js';
import { templateExampleFields } from '#contracts/core/template-examples.js';
import { widgetInputSchema } from '#contracts/schemas/widget.js';
import { widgetTemplates } from './templates.js';

const CYRILLIC = /[\u0400-\u04ff]/;
const now = Date.UTC(2026, 10, 22);

describe.each(['ru', 'en'] as const)('templates in %s', (lang) => {
  const templates = widgetTemplates(lang, now);

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

describe('the two galleries', () => {
  it('are the same templates, with the same shape: only the words differ', () => {
    const ru = widgetTemplates('ru', now);
    const en = widgetTemplates('en', now);
    expect(en.map((t) => t.id)).toEqual(ru.map((t) => t.id));
    const shape = (v: unknown): unknown => (Array.isArray(v) ? v.map(shape) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)])) : typeof v);
    expect(shape(en)).toEqual(shape(ru));
  });

  it('the English one has no Russian word anywhere a visitor or the licensee reads; the Russian one is Russian', () => {
    expect(JSON.stringify(widgetTemplates('en', now))).not.toMatch(CYRILLIC);
    // Nor in the defaults the server's schema fills in for what a template leaves out.
    for (const tpl of widgetTemplates('en', now)) expect(JSON.stringify(widgetInputSchema.parse({ ...tpl.widget, siteId: 's' })), tpl.id).not.toMatch(CYRILLIC);
    for (const tpl of widgetTemplates('ru', now)) expect(`${tpl.title} ${tpl.description}`, tpl.id).toMatch(CYRILLIC);
  });

  it('a phone field shows a Russian number as its example in Russian only', () => {
    const phonePlaceholders = (lang: 'ru' | 'en') =>
      widgetTemplates(lang, now).flatMap((tpl) =>
        ((tpl.widget.content as { fields?: { kind: string; placeholder?: string }[] }).fields ?? []).filter((f) => f.kind === 'phone').map((f) => f.placeholder),
      );
    // Both: else a gallery that lost its phone fields would pass the loops below without a check.
    expect(phonePlaceholders('ru').length).toBeGreaterThan(0);
    expect(phonePlaceholders('en').length).toBeGreaterThan(0);
    for (const placeholder of phonePlaceholders('ru')) expect(placeholder).toBe('+7 900 123-45-67');
    for (const placeholder of phonePlaceholders('en')) expect(placeholder).toBe('+44 20 7946 0958');
  });

  it('the messenger template’s phone is the language’s own example, and the server would refuse it live', () => {
    for (const [lang, country] of [
      ['ru', '+7 '],
      ['en', '+44 '],
    ] as const) {
      const tpl = widgetTemplates(lang, now).find((t) => t.type === 'messengers')!;
      const channels = (tpl.widget.content as { channels: { kind: string; value: string }[] }).channels;
      const phones = channels.filter((c) => c.kind === 'whatsapp' || c.kind === 'phone');
      expect(phones.length, lang).toBe(2);
      for (const c of phones) expect(c.value.startsWith(country), `${lang} ${c.kind}: ${c.value}`).toBe(true);
      // Every channel is an example: none may go live until the owner puts in their own contacts.
      expect(templateExampleFields(tpl.widget.content), lang).toEqual(channels.map((_, i) => `content.channels.${i}.value`));
    }
  });
});
