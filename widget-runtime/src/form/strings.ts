// The lead form's fixed UI strings, [ru, en] (see shell/i18n.ts).
import type { Phrase } from '../shell/i18n.js';
import type { FieldProblem } from '../validate.js';

export const PROBLEMS: Record<FieldProblem, Phrase> = {
  required: ['Заполните это поле', 'Please fill in this field'],
  phone: ['Телефон в международном формате, например +7 900 123-45-67', 'Phone in international format, e.g. +44 20 7946 0958'],
  email: ['Адрес почты, например name@mail.ru', 'Email address, e.g. name@example.com'],
  option: ['Выберите вариант из списка', 'Choose an option from the list'],
  too_long: ['Слишком длинный текст', 'The text is too long'],
};

export const CONSENT_REQUIRED: Phrase = ['Без согласия на обработку персональных данных мы не сможем принять заявку', 'We need your consent to personal-data processing to accept the request'];
export const CONSENT_DOC: Phrase = ['Текст согласия', 'Consent document'];
export const PRIVACY: Phrase = ['Политика конфиденциальности', 'Privacy policy'];
export const CHOOSE: Phrase = ['Выберите…', 'Choose…'];
export const SENDING: Phrase = ['Отправка…', 'Sending…'];
export const FAILED: Phrase = ['Не удалось отправить. Проверьте соединение и попробуйте ещё раз.', 'Could not send. Check your connection and try again.'];
