// The consent wording shown next to a lead form's checkbox. The server decides it, sends it in
// the config, and records its hash with every lead, so what the visitor agreed to is provable.
// The English runtime shows the English label instead and says so (`lang: 'en'`) with the label
// it showed, word for word: it is compiled into the runtime, so a page loaded before a release
// can show an older label than today's, and the record is the one that page showed. Each
// language's record is its own text, and its own hash.
import { CONSENT_LABEL, CONSENT_LABEL_EN, type ConsentShownIn } from '#contracts/core/consent-labels.js';
import type { Lang } from '#contracts/core/lang.js';
import type { FormContent } from '#contracts/core/widget.js';
import { sha256 } from '../../platform/lib/crypto.js';
import { AppError } from '../../platform/lib/errors.js';

// The labels live with the wire mapping (contracts/core/embed-widget.ts), which the dashboard's
// preview shares; re-exported for the server's users.
export { CONSENT_LABEL, MARKETING_LABEL } from '#contracts/core/embed-widget.js';

/**
 * The English label of every runtime released before runtimes said which label they showed.
 * Written out, not CONSENT_LABEL_EN: that one may change, what those runtimes showed cannot.
 */
export const FIRST_CONSENT_LABEL_EN = 'I consent to the processing of my personal data';

/**
 * Every label a runtime of ours has shown, per language. Append the old label here when
 * changing one in contracts/core/consent-labels.ts, never remove it: a page opened before the
 * release still shows it, and its consent is refused if the label is not known.
 */
export const SHOWN_CONSENT_LABELS: Readonly<Record<Lang, readonly string[]>> = {
  // The Russian runtime shows the server's label from the config and does not say it: today's.
  ru: [CONSENT_LABEL],
  en: [...new Set([FIRST_CONSENT_LABEL_EN, CONSENT_LABEL_EN])],
};

/**
 * The label the visitor was shown: the one the runtime says it showed when it is one of ours;
 * without one, Russian's is the server's own and English's the first (runtimes that do not say
 * are older than the saying). Any other label is refused (422, nothing stored): the visitor did
 * not consent to a wording we can name.
 */
export function shownConsentLabel(shown: ConsentShownIn): string {
  const lang = shown.lang ?? 'ru';
  if (shown.consentLabel === undefined) return lang === 'en' ? FIRST_CONSENT_LABEL_EN : CONSENT_LABEL;
  if (SHOWN_CONSENT_LABELS[lang].includes(shown.consentLabel)) return shown.consentLabel;
  throw new AppError(422, 'consent_required', 'Текст согласия на этой странице устарел: обновите страницу и отметьте согласие снова');
}

/** The full text a visitor consented to, as it was shown: the label and the documents it links. */
export function consentRecordText(content: Pick<FormContent, 'consentUrl' | 'privacyUrl'>, shown: ConsentShownIn = {}): string {
  const label = shownConsentLabel(shown);
  const consentUrl = content.consentUrl ?? '—';
  const privacyUrl = content.privacyUrl ?? '—';
  return shown.lang === 'en' ? `${label}. Consent: ${consentUrl}. Privacy policy: ${privacyUrl}.` : `${label}. Согласие: ${consentUrl}. Политика конфиденциальности: ${privacyUrl}.`;
}

export const consentHash = (text: string) => sha256(text);
