import { describe, expect, it } from 'vitest';
import { testLeadDocument } from './lead-document.js';
import { escapeTelegramHtml, packLines, telegramMessages, TELEGRAM_MAX_CHARS } from './telegram-format.js';

const unescapeHtml = (s: string) =>
  s
    .replace(/<\/?b>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('Telegram HTML messages', () => {
  it('escapes the three characters HTML parse mode reserves', () => {
    expect(escapeTelegramHtml('a < b > c & "d"')).toBe('a &lt; b &gt; c &amp; "d"');
  });

  it('keeps a short lead in one message', () => {
    const messages = telegramMessages(testLeadDocument({ id: 'site_1', name: 'Shop <1>', timezone: 'Asia/Yekaterinburg' }, Date.UTC(2026, 11, 6, 20, 5)));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('<b>Тестовая заявка с сайта «Shop &lt;1&gt;» (Тестовая форма)</b>');
    // The time on the site's clock (UTC+5), the zone named.
    expect(messages[0]).toContain('<b>Получена:</b> 07.12.2026, 01:05 (Asia/Yekaterinburg)');
  });

  it('splits long values at most 4096 characters a message, never inside an entity or a surrogate pair, losing nothing', () => {
    const value = '😀 & <x> '.repeat(1500);
    const lines = [
      { head: '<b>Заявка</b>', value: '' },
      { head: '<b>Имя:</b> ', value: 'Анна' },
      { head: '<b>Комментарий:</b> ', value },
      { head: '<b>Телефон:</b> ', value: '+79000000000' },
    ];
    const messages = packLines(lines);
    expect(messages.length).toBeGreaterThan(2);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(TELEGRAM_MAX_CHARS);
      // Every & starts a whole entity; no lone surrogate halves.
      expect(m.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
      expect(m).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
    // The first message is filled, not left short before the long value.
    expect(messages[0]!.length).toBeGreaterThan(TELEGRAM_MAX_CHARS - 10);
    // Nothing lost or doubled (message boundaries aside); compared as a boolean to keep failures readable.
    const flat = (x: string) => x.replace(/\n/g, '');
    expect(flat(unescapeHtml(messages.join(''))) === flat(`Заявка\nИмя: Анна\nКомментарий: ${value}\nТелефон: +79000000000`)).toBe(true);
  });
});
