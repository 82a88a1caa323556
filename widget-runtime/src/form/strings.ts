// The lead form's fixed UI strings (one language per build, see shell/i18n.ts); what it says of
// a field it cannot send is in problems.ts.
import { EN } from '../shell/i18n.js';

export const CONSENT_DOC = EN ? 'Consent document' : 'Текст согласия';
export const PRIVACY = EN ? 'Privacy policy' : 'Политика конфиденциальности';
export const CHOOSE = EN ? 'Choose…' : 'Выберите…';
export const SENDING = EN ? 'Sending…' : 'Отправка…';
export const FAILED = EN ? 'Could not send. Please try again.' : 'Не удалось отправить. Попробуйте ещё раз.';
