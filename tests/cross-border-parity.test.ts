// The dashboard warns about a cross-border transfer (152-FZ) while an address is typed; once
// connected the server's flag is shown. Both must agree, or the warning would flicker away.
import { describe, expect, it } from 'vitest';
import { isCrossBorder } from '../server/src/integrations/cross-border.js';
import { looksCrossBorder } from '../dashboard/src/integrations/kinds.js';

const URLS = [
  'https://hooks.example.ru/lead',
  'https://crm.example.com/in',
  'https://пример.рф/hook',
  'https://xn--e1afmkfd.xn--p1ai/hook',
  'https://old.example.su/x',
  'https://portal.bitrix24.ru/rest/1/abc123/',
  'https://portal.bitrix24.de/rest/1/abc123/',
  'http://127.0.0.1:8080/x',
  'https://EXAMPLE.RU/x',
  'https://hooks.example.ru.evil.io/x',
];

describe('cross-border flag: dashboard preview = server', () => {
  it.each(URLS)('%s', (url) => {
    expect(looksCrossBorder('webhook', [url])).toBe(isCrossBorder('webhook', [new URL(url).hostname]));
  });

  it('e-mail addresses go by their domain; Telegram is always abroad', () => {
    const emails = ['sales@shop.example.ru', 'boss@gmail.com'];
    expect(looksCrossBorder('email', emails)).toBe(isCrossBorder('email', emails.map((e) => e.split('@')[1]!)));
    expect(looksCrossBorder('email', ['a@b.ru', 'c@почта.рф'])).toBe(false);
    expect(looksCrossBorder('telegram', [])).toBe(true);
  });
});
