// Fixed UI strings: Russian by default, English when the host page declares lang="en...".
import type { FieldProblem } from '../validate.js';

// [ru, en] pairs: one table, no per-language objects to keep in sync.
const STRINGS = {
  close: ['Закрыть', 'Close'],
  sending: ['Отправка…', 'Sending…'],
  required: ['Заполните это поле', 'Please fill in this field'],
  phone: ['Введите телефон в международном формате, например +7 900 123-45-67', 'Enter a phone number in international format, e.g. +44 20 7946 0958'],
  email: ['Введите адрес электронной почты, например name@mail.ru', 'Enter an email address, e.g. name@example.com'],
  option: ['Выберите вариант из списка', 'Choose an option from the list'],
  too_long: ['Слишком длинный текст', 'The text is too long'],
  consentRequired: ['Без согласия на обработку персональных данных мы не сможем принять заявку', 'We cannot accept the request without your consent to personal-data processing'],
  consentDoc: ['Текст согласия', 'Consent document'],
  privacy: ['Политика конфиденциальности', 'Privacy policy'],
  choose: ['Выберите…', 'Choose…'],
  failed: ['Не удалось отправить. Проверьте соединение и попробуйте ещё раз.', 'Could not send. Check your connection and try again.'],
} satisfies Record<string, [string, string]> & Record<FieldProblem, [string, string]>;

export type StringKey = keyof typeof STRINGS;

/** Read per call: the page may set <html lang> after we load (SPAs often do). */
export function t(key: StringKey): string {
  return STRINGS[key][/^en/i.test(document.documentElement.lang) ? 1 : 0];
}
