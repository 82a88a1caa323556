// The consent wording next to every consent checkbox, in each language the runtime is built in.
// What the visitor read is what the server records (server/src/widgets/leads/consent-text.ts):
// the Russian build shows the server's `consentText` (the Russian label) and sends no language,
// the English build (rt/en/) shows the English labels and says `lang: 'en'` with the lead and the
// chat's start (the widget-runtime/src/**/*.en.ts modules), with the label it showed. Strings
// only, in a module of their own, so the English build takes just them.
// The documents the labels link to stay Russian-only.
import type { Lang } from './lang.js';

export const CONSENT_LABEL = 'Я даю согласие на обработку моих персональных данных';
export const MARKETING_LABEL = 'Я согласен получать рекламные и информационные сообщения';

/** Faithful English renderings of the Russian labels above. */
export const CONSENT_LABEL_EN = 'I consent to the processing of my personal data';
export const MARKETING_LABEL_EN = 'I agree to receive advertising and informational messages';

/**
 * Said by the English runtime with a lead (POST /v1/leads) and a chat's start (POST
 * /v1/chat/start): the language of the consent wording it showed. Absent: Russian. Declared here,
 * beside LeadSubmission (core/embed.ts) rather than in it: that file is bundled into the Russian
 * runtime, and esbuild picks the minified names by the character frequency of each bundled
 * file's source, types included, so a field added there reshuffles the Russian build's names
 * (+3 B gzip on the lead chunk, which is at its budget) although it sends nothing new.
 */
export interface ConsentShownIn {
  lang?: Lang | undefined;
  /**
   * The label it showed, word for word: the English runtime's is compiled in, so a page loaded
   * before a release may show an older one than the server's. Absent: the Russian runtime (it
   * shows the server's own label) or an English one from before runtimes said it.
   */
  consentLabel?: string | undefined;
}
