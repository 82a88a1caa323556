// Lead field validation: the one implementation the runtime's form checks as the visitor types
// and the server enforces on every submission, so a value one accepts the other never refuses.
// It ships in the runtime: byte trick, `==` where both sides are strings (same meaning as `===`,
// one byte less each).
import type { FormField } from './widget.js';

export type FieldProblem = 'required' | 'phone' | 'email' | 'option' | 'too_long';

/** Spaces, brackets, dashes and dots people type between digits. */
const PHONE_SEPARATORS = /[\s()\-.]/g;
/** International form: optional +, 10–15 digits (E.164 allows 15). */
const PHONE = /^\+?\d{10,15}$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
/** Longest accepted value per kind; also the inputs' maxlength. */
export const maxLength = (kind: FormField['kind']): number => (kind == 'textarea' ? 4000 : 500);

export function normalizePhone(value: string): string {
  return value.replace(PHONE_SEPARATORS, '');
}

export function checkFieldValue(field: Pick<FormField, 'kind' | 'required' | 'options'>, value: string | boolean | undefined): FieldProblem | null {
  if (field.kind == 'checkbox') return field.required && value !== true ? 'required' : null;
  const v = typeof value == 'string' ? value.trim() : '';
  if (!v) return field.required ? 'required' : null;
  if (v.length > maxLength(field.kind)) return 'too_long';
  if (field.kind == 'phone' && !PHONE.test(normalizePhone(v))) return 'phone';
  if (field.kind == 'email' && !EMAIL.test(v)) return 'email';
  if (field.kind == 'select' && !(field.options || []).includes(v)) return 'option';
  return null;
}
