// The runtime's client-side validation must answer exactly as the server's, field by field:
// a value the form accepts but the server refuses (or the reverse) is a lost lead.
import { describe, expect, it } from 'vitest';
import * as server from '../server/src/contracts/validation.js';
import type { FormField } from '../server/src/contracts/widget.js';
import * as client from '../widget-runtime/src/validate.js';

type Check = Pick<FormField, 'kind' | 'required' | 'options'>;

const KINDS: FormField['kind'][] = ['name', 'phone', 'email', 'text', 'textarea', 'select', 'checkbox', 'hidden'];
const OPTIONS = ['Москва', 'Санкт-Петербург', 'Other city'];

const VALUES: (string | boolean | undefined)[] = [
  undefined,
  '',
  ' ',
  '\t\n',
  true,
  false,
  'Иван',
  '  Иван Петров  ',
  // phones
  '+79001234567',
  '8 (900) 123-45-67',
  '+7 900 123-45-67',
  '+7.900.123.45.67',
  '79001234567',
  '+1 555 0100',
  '123456789',
  '1234567890',
  '+123456789012345',
  '+1234567890123456',
  '++79001234567',
  '+7 900 123 45 67 доб. 5',
  '+7\u00a0900\u00a01234567', // no-break spaces, as pasted from documents
  '+٧٩٠٠١٢٣٤٥٦٧', // Arabic-Indic digits
  // e-mails
  'user@mail.ru',
  ' user@mail.ru ',
  'first.last+tag@sub.example.co.uk',
  'user@localhost',
  'user@mail..ru',
  'user@.ru',
  'user@mail.ru.',
  'us er@mail.ru',
  'user@@mail.ru',
  '@mail.ru',
  'user@',
  'пользователь@почта.рф',
  // selects
  'Москва',
  ' Москва ',
  'москва',
  'Other city',
  'Other',
  // lengths around the limits
  'a'.repeat(500),
  'a'.repeat(501),
  ` ${'a'.repeat(500)} `,
  'a'.repeat(4000),
  'a'.repeat(4001),
  'я'.repeat(501),
  '😀'.repeat(250), // 500 UTF-16 units
  '😀'.repeat(251),
];

const FIELDS: Check[] = KINDS.flatMap((kind) =>
  [true, false].flatMap((required) => [
    { kind, required, options: kind === 'select' ? OPTIONS : undefined },
    ...(kind === 'select' ? [{ kind, required }, { kind, required, options: [] }] : []),
  ]),
);

describe('client validation mirrors the server (contracts/validation.ts)', () => {
  it.each(FIELDS.map((f) => [`${f.kind}${f.required ? ' required' : ''}${f.options ? ` options:${f.options.length}` : ''}`, f] as const))(
    '%s',
    (_name, field) => {
      for (const value of VALUES) {
        expect(client.checkFieldValue(field, value), JSON.stringify(value)).toBe(server.checkFieldValue(field, value));
      }
    },
  );

  it('normalizes phones the same way', () => {
    for (const value of VALUES) if (typeof value === 'string') expect(client.normalizePhone(value)).toBe(server.normalizePhone(value));
  });

  it('the table exercises every outcome', () => {
    const seen = new Set(FIELDS.flatMap((f) => VALUES.map((v) => server.checkFieldValue(f, v))));
    expect([...seen].sort()).toEqual([null, 'email', 'option', 'phone', 'required', 'too_long'].sort());
  });
});
