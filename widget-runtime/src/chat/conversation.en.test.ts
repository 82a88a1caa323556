// @vitest-environment happy-dom
// The English build's chat (chat/conversation.en.ts, types/chat.en.ts, in place of their
// namesakes in rt/en/): the consent line's wording is contracts' English label, and the start
// says `lang: 'en'` so the server records that wording with the conversation.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONSENT_LABEL_EN } from '#contracts/core/consent-labels.js';
import { CONSENT_LABEL_EN as CHAT_CONSENT_LABEL_EN } from '../types/chat.en.js';
import { conversation } from './conversation.en.js';

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
  sessionStorage.clear();
});

describe('the English chat', () => {
  it("shows contracts' English consent label (written out there to spare a chunk)", () => {
    expect(CHAT_CONSENT_LABEL_EN).toBe(CONSENT_LABEL_EN);
  });

  it("starts the conversation with lang: 'en' and the label the chat shows (written out there too, for the same reason)", async () => {
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => new Response(JSON.stringify({ token: 't'.repeat(43), online: false, messages: [] }), { status: 201 }));
    vi.stubGlobal('fetch', fetchMock);
    await conversation('https://api.widgetry.test', 'k_1', 'wdg_1', () => undefined).start({ page: 'https://shop.example/', text: 'Hello' });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('https://api.widgetry.test/v1/chat/start');
    expect(JSON.parse(String(init.body))).toEqual({ site: 'k_1', widget: 'wdg_1', consent: true, page: 'https://shop.example/', text: 'Hello', lang: 'en', consentLabel: CHAT_CONSENT_LABEL_EN });
  });
});
