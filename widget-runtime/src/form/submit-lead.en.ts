// The English build's lead submission (rt/en/ only, in place of submit-lead.ts: see
// shell/mount-widget.en.ts): the form showed the English consent wording, so the lead says
// `lang: 'en'` and which label it showed, and the server records that wording, not the Russian
// one nor a newer English one than this build's.
import type { ConsentShownIn } from '#contracts/core/consent-labels.js';
import { submitLead as send } from './submit-lead.js';

export { PROBLEMS } from './submit-lead.js';

/**
 * `consentLabel` is the label the form shows (lead-form.en.ts, contracts' CONSENT_LABEL_EN),
 * written out: imported both there and here it would become a chunk of its own, one more file
 * on every English form page. lead-form.en.test.tsx holds the two equal, so a build sends the
 * label it shows.
 */
export const submitLead: typeof send = (ctx, lead, show) => send(ctx, { ...lead, lang: 'en', consentLabel: 'I consent to the processing of my personal data' } as typeof lead & ConsentShownIn, show);
