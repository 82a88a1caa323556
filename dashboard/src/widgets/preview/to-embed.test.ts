// The live preview's widget: the stored-widget → embed mapping the server's config uses, minus
// display rules, plus a reason when there is nothing to show.
import { describe, expect, it } from 'vitest';
import { draftFromTemplate, type DraftOf } from '../draft.js';
import { widgetTemplates } from '../templates.js';
import { toEmbedWidget } from './to-embed.js';

const NOW = Date.UTC(2026, 10, 22, 9, 0);
const draft = <T extends 'form' | 'timer' | 'messengers'>(type: T) => draftFromTemplate(widgetTemplates('ru', NOW).find((t) => t.type === type)!, 'site_1') as DraftOf<T>;

describe('the preview widget', () => {
  it('is the embed widget the live site gets, with the server’s consent wording and without display rules', () => {
    const d = draft('form');
    const withRules = { ...d, rules: { ...d.rules, url: { include: [{ match: 'contains' as const, value: '/only-here' }], exclude: [] } } };
    const result = toEmbedWidget(withRules, 'preview', 'Europe/Moscow', NOW);
    expect('widget' in result).toBe(true);
    if (!('widget' in result)) return;
    expect(result.widget).toMatchObject({ id: 'preview', type: 'form', position: d.position });
    expect(result.widget).not.toHaveProperty('rules');
    expect((result.widget as { consentText: string }).consentText).toMatch(/персональных данных/);
    expect(result.widget.colors.onAccent).toMatch(/^#/);
  });

  it('turns messenger handles into links as the site will', () => {
    const d = draft('messengers');
    const result = toEmbedWidget({ ...d, content: { ...d.content, channels: [{ kind: 'telegram', value: '@tea_shop', label: '' }] } }, 'p', 'Europe/Moscow', NOW);
    expect('widget' in result && result.widget.type === 'messengers' && result.widget.content.channels.map((c) => c.href)).toEqual(['https://t.me/tea_shop']);
  });

  it('resolves a timer’s end in the site’s zone: over in Vladivostok while still running in Moscow', () => {
    const d = draft('timer');
    // 18:30 Moscow time on 22 November; the end is 19:00 on the site's own clock.
    const now = Date.UTC(2026, 10, 22, 15, 30);
    const timer = { ...d, content: { ...d.content, endsAt: '2026-11-22T19:00' } };
    const moscow = toEmbedWidget(timer, 'p', 'Europe/Moscow', now);
    expect('widget' in moscow && moscow.widget.type === 'timer' && moscow.widget.content.end).toBe(Date.UTC(2026, 10, 22, 16, 0));
    expect(toEmbedWidget(timer, 'p', 'Asia/Vladivostok', now)).toEqual({ nothing: 'timer_over' });
  });

  it('says "invalid" for a timer whose end is not a date, or whose zone is unknown', () => {
    const d = draft('timer');
    expect(toEmbedWidget({ ...d, content: { ...d.content, endsAt: '' } }, 'p', 'Europe/Moscow', NOW)).toEqual({ nothing: 'invalid' });
    expect(toEmbedWidget(d, 'p', 'Mars/Olympus', NOW)).toEqual({ nothing: 'invalid' });
  });
});
