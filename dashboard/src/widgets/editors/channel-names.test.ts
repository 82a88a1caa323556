// @vitest-environment happy-dom
// The messengers editor names channels in the dashboard's language; in Russian its placeholder
// is exactly the label the server gives a channel left without one. Its example numbers follow
// the dashboard's language too.
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_KINDS, CHANNEL_LABELS } from '#contracts/core/messengers.js';
import { setLang, t } from '../../i18n/i18n.js';
import { CHANNEL_NAMES, channelPlaceholder } from './messengers.js';

afterEach(async () => {
  await setLang('ru');
});

describe('channel names', () => {
  it('in Russian are the server’s default labels', () => {
    for (const kind of CHANNEL_KINDS) expect(t(CHANNEL_NAMES[kind]), kind).toBe(CHANNEL_LABELS[kind]);
  });

  it('in English have no Russian letter', async () => {
    await setLang('en');
    expect(CHANNEL_KINDS.map((k) => t(CHANNEL_NAMES[k])).join(' ')).not.toMatch(/[\u0400-\u04ff]/);
  });

  it('in English show the British example number, as the English templates fill in, and no Russian letter', async () => {
    await setLang('en');
    expect([channelPlaceholder('phone', 'en'), channelPlaceholder('whatsapp', 'en')]).toEqual(['+44 20 7946 0000', '+44 20 7946 0000']);
    expect(t('channel.phone')).toBe('Phone number, e.g. +44 20 7946 0958');
    expect(CHANNEL_KINDS.map((k) => channelPlaceholder(k, 'en')).join(' ')).not.toMatch(/[\u0400-\u04ff]/);
    expect([channelPlaceholder('phone', 'ru'), channelPlaceholder('whatsapp', 'ru')]).toEqual(['+7 900 000-00-00', '+7 900 000-00-00']);
  });
});
