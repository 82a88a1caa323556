// Lead field validation, as both the runtime's form and the server apply it.
import { describe, expect, it } from 'vitest';
import { checkFieldValue, maxLength, normalizePhone } from './validation.js';

const OPTIONS = ['Москва', 'Санкт-Петербург'];

describe('checkFieldValue', () => {
  it.each([
    ['phone', '+79001234567', null],
    ['phone', '8 (900) 123-45-67', null],
    ['phone', '+7.900.123.45.67', null],
    ['phone', '123456789', 'phone'],
    ['phone', '+1234567890123456', 'phone'],
    ['phone', '++79001234567', 'phone'],
    ['phone', '+7 900 123 45 67 доб. 5', 'phone'],
    ['phone', '+٧٩٠٠١٢٣٤٥٦٧', 'phone'],
    ['email', ' user@mail.ru ', null],
    ['email', 'first.last+tag@sub.example.co.uk', null],
    ['email', 'пользователь@почта.рф', null],
    ['email', 'user@localhost', 'email'],
    ['email', 'user@mail..ru', 'email'],
    ['email', 'us er@mail.ru', 'email'],
    ['select', ' Москва ', null],
    ['select', 'москва', 'option'],
    ['text', 'a'.repeat(500), null],
    ['text', 'a'.repeat(501), 'too_long'],
    ['textarea', 'a'.repeat(4000), null],
    ['textarea', 'a'.repeat(4001), 'too_long'],
    ['name', '😀'.repeat(251), 'too_long'],
  ] as const)('%s %j → %s', (kind, value, problem) => {
    expect(checkFieldValue({ kind, required: false, options: kind === 'select' ? OPTIONS : undefined }, value)).toBe(problem);
  });

  it('required: blank and whitespace are missing; optional blanks pass unchecked', () => {
    for (const value of [undefined, '', ' ', '\t\n']) {
      expect(checkFieldValue({ kind: 'email', required: true }, value)).toBe('required');
      expect(checkFieldValue({ kind: 'email', required: false }, value)).toBe(null);
    }
  });

  it('a required checkbox must be ticked (true), nothing else counts', () => {
    expect(checkFieldValue({ kind: 'checkbox', required: true }, true)).toBe(null);
    for (const value of [false, 'true', undefined]) expect(checkFieldValue({ kind: 'checkbox', required: true }, value)).toBe('required');
    expect(checkFieldValue({ kind: 'checkbox', required: false }, false)).toBe(null);
  });

  it('a select without options accepts nothing', () => {
    expect(checkFieldValue({ kind: 'select', required: false }, 'Москва')).toBe('option');
    expect(checkFieldValue({ kind: 'select', required: false, options: [] }, 'Москва')).toBe('option');
  });

  it('normalizes phones by dropping separators only', () => {
    expect(normalizePhone('+7 (900) 123-45.67')).toBe('+79001234567');
    expect(maxLength('textarea')).toBe(4000);
    expect(maxLength('name')).toBe(500);
  });
});
