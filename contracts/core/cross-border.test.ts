// The cross-border flag (152-FZ) the server stores and the dashboard previews while typing.
import { describe, expect, it } from 'vitest';
import { hostOfAddress, isCrossBorder } from './cross-border.js';

const flag = (kind: 'webhook' | 'email', address: string) => isCrossBorder(kind, [hostOfAddress(address) ?? ''].filter(Boolean));

describe('cross-border', () => {
  it.each([
    ['https://hooks.example.ru/lead', false],
    ['https://crm.example.com/in', true],
    ['https://пример.рф/hook', false],
    ['https://xn--e1afmkfd.xn--p1ai/hook', false],
    ['https://old.example.su/x', false],
    ['https://portal.bitrix24.de/rest/1/abc123/', true],
    ['https://EXAMPLE.RU/x', false],
    ['https://hooks.example.ru.evil.io/x', true],
  ])('%s → abroad: %s', (url, abroad) => {
    expect(flag('webhook', url)).toBe(abroad);
  });

  it('e-mail addresses go by their domain; Telegram is always abroad', () => {
    expect(flag('email', 'sales@shop.example.ru')).toBe(false);
    expect(flag('email', 'boss@gmail.com')).toBe(true);
    expect(flag('email', 'c@почта.рф')).toBe(false);
    expect(isCrossBorder('telegram', [])).toBe(true);
  });

  it('reads no host from what is still being typed', () => {
    expect(hostOfAddress('')).toBe(null);
    expect(hostOfAddress('localhost')).toBe(null);
    expect(hostOfAddress('user@')).toBe(null);
  });
});
