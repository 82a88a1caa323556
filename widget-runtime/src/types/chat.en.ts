// The English build's rt/chat.js (rt/en/ only, in place of chat.tsx: see form/lead-form.en.ts):
// the consent line under the message box reads in English, and the conversation's start says
// `lang: 'en'` (chat/conversation.en.ts), so the server records the English wording with it.
import type { MountFn } from '#contracts/core/mount.js';
import { mount as mountAsServed } from './chat.js';

/**
 * contracts/core/consent-labels.ts's CONSENT_LABEL_EN, written out: imported both here and by
 * the lead form (rt/en/form.js), it would become a chunk of its own, one more file on every
 * English form page. chat.en.test.ts holds the two equal.
 */
export const CONSENT_LABEL_EN = 'I consent to the processing of my personal data';

export const mount: MountFn = (widget, ctx) => mountAsServed(widget.type == 'chat' ? { ...widget, consentText: CONSENT_LABEL_EN } : widget, ctx);
