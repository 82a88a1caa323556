// The lead form's fixed UI strings (one language per build, see shell/i18n.ts).
import { EN } from '../shell/i18n.js';
import type { FieldProblem } from '#contracts/core/validation.js';

export const PROBLEMS: Record<FieldProblem, string> = {
  required: EN ? 'Please fill in this field' : 'Заполните это поле',
  phone: EN ? 'Phone in international format, e.g. +44 20 7946 0958' : 'Телефон в формате +7 900 123-45-67',
  email: EN ? 'Email address, e.g. name@example.com' : 'Адрес почты, например name@mail.ru',
  option: EN ? 'Choose an option from the list' : 'Выберите вариант из списка',
  too_long: EN ? 'The text is too long' : 'Слишком длинный текст',
};

export const CONSENT_REQUIRED = EN ? 'We need your consent to process personal data' : 'Нужно согласие на обработку персональных данных';
export const CONSENT_DOC = EN ? 'Consent document' : 'Текст согласия';
export const PRIVACY = EN ? 'Privacy policy' : 'Политика конфиденциальности';
export const CHOOSE = EN ? 'Choose…' : 'Выберите…';
export const SENDING = EN ? 'Sending…' : 'Отправка…';
export const FAILED = EN ? 'Could not send. Please try again.' : 'Не удалось отправить. Попробуйте ещё раз.';
