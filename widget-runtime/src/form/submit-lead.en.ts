// The English build's lead submission (rt/en/ only, in place of submit-lead.ts: see
// shell/mount-widget.en.ts): the form showed the English consent wording, so the lead says
// `lang: 'en'` and the server records that wording, not the Russian one.
import type { ConsentShownIn } from '#contracts/core/consent-labels.js';
import { submitLead as send } from './submit-lead.js';

export { PROBLEMS } from './submit-lead.js';

export const submitLead: typeof send = (ctx, lead, show) => send(ctx, { ...lead, lang: 'en' } as typeof lead & ConsentShownIn, show);
