// Destination kinds in the dashboard's words, and the cross-border warning while an address is typed.
import { describe, expect, it } from 'vitest';
import { isPreset, isWebhookLike, kindAbout, kindName, looksCrossBorder } from './kinds.js';

describe('destination kinds', () => {
  it('Calltouch, Roistat and 1C are webhook presets; the generic webhook is webhook-like but no preset', () => {
    expect((['calltouch', 'roistat', '1c'] as const).every(isPreset)).toBe(true);
    expect((['email', 'telegram', 'webhook', 'amocrm', 'bitrix24'] as const).some(isPreset)).toBe(false);
    expect((['webhook', 'calltouch', 'roistat', '1c'] as const).every(isWebhookLike)).toBe(true);
    expect((['email', 'telegram', 'amocrm', 'bitrix24'] as const).some(isWebhookLike)).toBe(false);
  });

  it('have names, and presets say they are signed webhooks', () => {
    expect(kindName('calltouch')).toBe('Calltouch');
    expect(kindAbout('roistat')).toBe(kindAbout('1c'));
    expect(kindAbout('calltouch')).toContain('Пресет вебхука');
  });
});

describe('the cross-border warning while typing', () => {
  it('warns for an address outside the Russian zones, whether a URL, a host or an e-mail', () => {
    expect(looksCrossBorder('webhook', ['https://hooks.example.com/lead'])).toBe(true);
    expect(looksCrossBorder('email', ['sales@shop.ru', 'boss@gmail.com'])).toBe(true);
    expect(looksCrossBorder('amocrm', ['shop.amocrm.com'])).toBe(true);
  });

  it('stays quiet for .ru, .рф and .su, and for what is not an address yet', () => {
    expect(looksCrossBorder('email', ['sales@shop.ru', 'info@магазин.рф', 'old@site.su'])).toBe(false);
    expect(looksCrossBorder('webhook', ['https://crm.shop.ru/hook', ''])).toBe(false);
    expect(looksCrossBorder('webhook', ['https://'])).toBe(false);
    expect(looksCrossBorder('email', ['sales@'])).toBe(false);
  });

  it('always warns for Telegram: its servers are abroad', () => {
    expect(looksCrossBorder('telegram', [])).toBe(true);
  });
});
