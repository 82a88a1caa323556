// The consent wording shown next to a lead form's checkbox. The server decides it, sends it in
// the config, and records its hash with every lead, so what the visitor agreed to is provable.
import { CONSENT_LABEL } from '#contracts/core/embed-widget.js';
import type { FormContent } from '#contracts/core/widget.js';
import { sha256 } from '../../platform/lib/crypto.js';

// The labels live with the wire mapping (contracts/core/embed-widget.ts), which the dashboard's
// preview shares; re-exported for the server's users.
export { CONSENT_LABEL, MARKETING_LABEL } from '#contracts/core/embed-widget.js';

/** The full text a visitor consented to: the label and the documents it links. */
export function consentRecordText(content: Pick<FormContent, 'consentUrl' | 'privacyUrl'>): string {
  return `${CONSENT_LABEL}. Согласие: ${content.consentUrl ?? '—'}. Политика конфиденциальности: ${content.privacyUrl ?? '—'}.`;
}

export const consentHash = (text: string) => sha256(text);
