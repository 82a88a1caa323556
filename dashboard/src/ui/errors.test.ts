// Refusals in the person's language: every error code has its own text in both dictionaries,
// the details (limit, the tariff that allows more) are filled in, and the server's message —
// often Russian — never reaches the screen.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '#contracts/core/errors.js';
import { ApiRequestError } from '../api.js';
import { setLang } from '../i18n/i18n.js';
import { errorText } from './errors.js';

const SERVER_WORDS = 'Сообщение сервера для журнала';
const refusal = (code: ErrorCode, details?: unknown, status = 409) => new ApiRequestError(status, { code, message: SERVER_WORDS, details });
const CYRILLIC = /[а-яё]/i;

beforeAll(() => {
  // setLang marks <html lang>; storage is optional (private mode), so none is needed here.
  vi.stubGlobal('document', { documentElement: {} });
});
afterAll(async () => {
  await setLang('ru');
  vi.unstubAllGlobals();
});

describe('error texts', () => {
  it('gives every code its own Russian text, never the server message', async () => {
    await setLang('ru');
    for (const code of ERROR_CODES) {
      const text = errorText(refusal(code));
      expect(text, code).not.toContain(SERVER_WORDS);
      expect(text, code).toMatch(CYRILLIC);
    }
  });

  it('gives every code an English text without a Russian word in it', async () => {
    await setLang('en');
    const texts = new Map<string, ErrorCode[]>();
    for (const code of ERROR_CODES) {
      const text = errorText(refusal(code, { limit: 3, upgradeTo: 'advanced', attemptsLeft: 2 }));
      expect(text, code).not.toMatch(CYRILLIC);
      texts.set(text, [...(texts.get(text) ?? []), code]);
    }
    // Codes exist to be told apart: two codes with one text would hide a difference.
    expect([...texts.values()].filter((codes) => codes.length > 1)).toEqual([]);
  });

  it('fills in the limit and names the tariff that allows more', async () => {
    await setLang('en');
    expect(errorText(refusal('limit_widgets', { tariff: 'start', limit: 3, upgradeTo: 'advanced' }, 403))).toBe(
      'Your tariff’s limit of active widgets is reached (3). The “Advanced” tariff allows it.',
    );
    await setLang('ru');
    expect(errorText(refusal('limit_sites', { tariff: 'free', limit: 1, upgradeTo: 'start' }, 403))).toBe('Достигнут предел сайтов на вашем тарифе (1). Тариф «Старт» это позволяет.');
    expect(errorText(refusal('code_invalid', { attemptsLeft: 2 }, 400))).toBe('Неверный код. Осталось попыток: 2.');
  });

  it('tells apart refusals that share a code by their details', async () => {
    await setLang('en');
    expect(errorText(refusal('limit_service_requests', { limit: 0, upgradeTo: 'single' }, 403))).toBe(
      'Service requests are part of the “Single”, “Multi” and “Network” tariffs. The “Single” tariff allows it.',
    );
    expect(errorText(refusal('limit_service_requests', { limit: 2, upgradeTo: 'multi' }, 403))).toBe(
      'This week’s service requests are used up: your tariff has 2 a week. The “Multi” tariff allows it.',
    );
    expect(errorText(refusal('realtime_project_disabled', { access: 'expired' }))).toBe('The project’s paid period has ended: renew it.');
    expect(errorText(refusal('realtime_project_disabled'))).toBe('The project is blocked by the operator.');
  });

  it('names the e-mail address when it is all the server found wrong (the browser lets "name@shop" through)', async () => {
    // What POST /api/auth/code answers for "name@shop": the issue's message is the server's, in Russian.
    const mistyped = { issues: [{ path: 'email', message: 'Введите корректный e-mail' }] };
    await setLang('en');
    expect(errorText(refusal('validation_failed', mistyped, 400))).toBe('Check the e-mail address: it looks mistyped (an address reads like name@example.com).');
    await setLang('ru');
    expect(errorText(refusal('validation_failed', mistyped, 400))).toBe('Проверьте e-mail: в адресе, похоже, опечатка (адрес выглядит как name@example.ru).');
    // Other fields too: the general text, which names none.
    expect(errorText(refusal('validation_failed', { issues: [...mistyped.issues, { path: 'role', message: '' }] }, 400))).toBe('Проверьте поля: некоторые заполнены неверно.');
  });

  it('says what kind of failure a code from a newer server is, and when the network failed', async () => {
    await setLang('en');
    expect(errorText(new ApiRequestError(409, { code: 'from_the_future' as ErrorCode, message: SERVER_WORDS }))).toBe('Something went wrong. Please try again.');
    expect(errorText(new ApiRequestError(503, { code: 'from_the_future' as ErrorCode, message: SERVER_WORDS }))).toBe('Server error. We know about it; please try again a little later.');
    expect(errorText(new ApiRequestError(0, { code: 'internal', message: 'network' }))).toBe('Cannot reach the server. Check your connection and try again.');
    expect(errorText(new TypeError('x'))).toBe('Something went wrong. Please try again.');
  });
});

describe('a template’s example values', () => {
  it('names the fields to change in the person’s language', async () => {
    const details = { fields: ['content.buttonUrl', 'content.channels.0.value', 'content.channels.2.value'] };
    await setLang('ru');
    expect(errorText(refusal('widget_example_values', details, 422))).toBe('Виджет ещё содержит примеры из шаблона — замените их своими данными: Ссылка кнопки, канал 1, канал 3.');
    await setLang('en');
    expect(errorText(refusal('widget_example_values', details, 422))).toBe("The widget still holds the template's examples; replace them with your own: Button link, channel 1, channel 3.");
  });

  it('names a messenger channel by its kind when the server says it, as well as by its number', async () => {
    const details = { fields: ['content.channels.0.value', 'content.channels.2.value'], channelKinds: { 0: 'vk', 2: 'phone' } };
    await setLang('ru');
    expect(errorText(refusal('widget_example_values', details, 422))).toBe('Виджет ещё содержит примеры из шаблона — замените их своими данными: канал 1 (ВКонтакте), канал 3 (Позвонить).');
    await setLang('en');
    expect(errorText(refusal('widget_example_values', details, 422))).toBe("The widget still holds the template's examples; replace them with your own: channel 1 (VK), channel 3 (Call).");
  });
});
