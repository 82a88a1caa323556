// What the lead form says of a field it cannot send: only a visitor who submits reads it, so it
// comes with the sending code (submit-lead.ts re-exports it), not with rt/form.js — ~200 B
// gzipped off the form page (tests/size). One language per build, as shell/i18n.ts; the flag is
// read here, not imported from there, for the reason submit-lead.ts gives.
import type { FieldProblem } from '#contracts/core/validation.js';

declare const WIDGETRY_EN: boolean | undefined;
const EN = typeof WIDGETRY_EN != 'undefined' && WIDGETRY_EN;

/** Per problem of checkFieldValue, and `consent` for the unticked consent box. */
export const PROBLEMS: Record<FieldProblem | 'consent', string> = {
  required: EN ? 'Please fill in this field' : 'Заполните это поле',
  phone: EN ? 'Phone in international format, e.g. +44 20 7946 0958' : 'Телефон в формате +7 900 123-45-67',
  email: EN ? 'Email address, e.g. name@example.com' : 'Адрес почты, например name@mail.ru',
  option: EN ? 'Choose an option from the list' : 'Выберите вариант из списка',
  too_long: EN ? 'The text is too long' : 'Слишком длинный текст',
  consent: EN ? 'We need your consent to process personal data' : 'Нужно согласие на обработку персональных данных',
};
