// The consent wording shown next to a lead form's checkbox. The server decides it, sends it in
// the config, and records its hash with every lead, so what the visitor agreed to is provable.
import type { FormContent } from '../contracts/widget.js';
import { sha256 } from '../lib/crypto.js';

export const CONSENT_LABEL = 'Я даю согласие на обработку моих персональных данных';
export const MARKETING_LABEL = 'Я согласен получать рекламные и информационные сообщения';

/** The full text a visitor consented to: the label and the documents it links. */
export function consentRecordText(content: Pick<FormContent, 'consentUrl' | 'privacyUrl'>): string {
  return `${CONSENT_LABEL}. Согласие: ${content.consentUrl ?? '—'}. Политика конфиденциальности: ${content.privacyUrl ?? '—'}.`;
}

export const consentHash = (text: string) => sha256(text);
