// The dev outbox (mail kept on this machine when no SMTP is configured) in the dashboard's language.
import { currentLang } from '../i18n/i18n.js';

export const outboxHref = (): string => (currentLang() === 'en' ? '/dev/outbox?lang=en' : '/dev/outbox');
