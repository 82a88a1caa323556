// @vitest-environment happy-dom
// The messengers editor names channels in the dashboard's language; in Russian its placeholder
// is exactly the label the server gives a channel left without one.
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_KINDS, CHANNEL_LABELS } from '#contracts/core/messengers.js';
import { setLang, t } from '../../i18n/i18n.js';
import { CHANNEL_NAMES } from './messengers.js';

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
});
