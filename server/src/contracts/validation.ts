// Lead field validation, zod-free so its table tests can be shared with the runtime's
// mirror (widget-runtime/src/validate.ts); tests/validation-parity.test.ts keeps them equal.
import type { FormField } from './widget.js';

export type FieldProblem = 'required' | 'phone' | 'email' | 'option' | 'too_long';

const PHONE_SEPARATORS = /[\s()\-.]/g;
/** International form: optional +, 10–15 digits (E.164 allows 15). */
const PHONE = /^\+?\d{10,15}$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const MAX_LENGTH: Record<string, number> = { textarea: 4000 };
const DEFAULT_MAX_LENGTH = 500;

export function normalizePhone(value: string): string {
  return value.replace(PHONE_SEPARATORS, '');
}

export function checkFieldValue(field: Pick<FormField, 'kind' | 'required' | 'options'>, value: string | boolean | undefined): FieldProblem | null {
  if (field.kind === 'checkbox') {
    return field.required && value !== true ? 'required' : null;
  }
  const v = typeof value === 'string' ? value.trim() : '';
  if (v === '') return field.required ? 'required' : null;
  if (v.length > (MAX_LENGTH[field.kind] ?? DEFAULT_MAX_LENGTH)) return 'too_long';
  if (field.kind === 'phone' && !PHONE.test(normalizePhone(v))) return 'phone';
  if (field.kind === 'email' && !EMAIL.test(v)) return 'email';
  if (field.kind === 'select' && !(field.options ?? []).includes(v)) return 'option';
  return null;
}
