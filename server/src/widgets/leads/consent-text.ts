// The consent wording shown next to a lead form's checkbox. The server decides it, sends it in
// the config, and records its hash with every lead, so what the visitor agreed to is provable.
// The English runtime shows the English label instead and says so (`lang: 'en'`), and then the
// English wording is what is recorded: each language's record is its own text, and its own hash.
import { CONSENT_LABEL, CONSENT_LABEL_EN } from '#contracts/core/consent-labels.js';
import type { Lang } from '#contracts/core/lang.js';
import type { FormContent } from '#contracts/core/widget.js';
import { sha256 } from '../../platform/lib/crypto.js';

// The labels live with the wire mapping (contracts/core/embed-widget.ts), which the dashboard's
// preview shares; re-exported for the server's users.
export { CONSENT_LABEL, MARKETING_LABEL } from '#contracts/core/embed-widget.js';

/** The full text a visitor consented to, in the language it was shown in: the label and the documents it links. */
export function consentRecordText(content: Pick<FormContent, 'consentUrl' | 'privacyUrl'>, lang: Lang = 'ru'): string {
  const consentUrl = content.consentUrl ?? '—';
  const privacyUrl = content.privacyUrl ?? '—';
  return lang === 'en' ? `${CONSENT_LABEL_EN}. Consent: ${consentUrl}. Privacy policy: ${privacyUrl}.` : `${CONSENT_LABEL}. Согласие: ${consentUrl}. Политика конфиденциальности: ${privacyUrl}.`;
}

export const consentHash = (text: string) => sha256(text);
