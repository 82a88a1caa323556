// The English build's lead form (rt/en/ only: scripts/build-embed.mjs puts each *.en.ts in place
// of its namesake there). It shows the English consent labels (contracts/core/consent-labels.ts)
// instead of the server's Russian ones, in every lead type (form, popup, callback, quiz, the
// chat's offline form) and in the dashboard's English preview; the lead then says `lang: 'en'`
// (submit-lead.en.ts), so what the visitor read is what the server records. The Russian build
// never sees this module and stays byte for byte what it was.
import { CONSENT_LABEL_EN, MARKETING_LABEL_EN } from '#contracts/core/consent-labels.js';
import { LeadForm as LeadFormAsServed, type LeadFormProps } from './lead-form.js';

export { formSheet, type LeadFormProps } from './lead-form.js';

export class LeadForm extends LeadFormAsServed {
  override render(props: LeadFormProps, state: LeadFormAsServed['state']) {
    const { widget } = props;
    // The marketing box only where the server sent its (Russian) wording: the owner switched it on.
    const english = { ...widget, consentText: CONSENT_LABEL_EN, ...(widget.marketingText ? { marketingText: MARKETING_LABEL_EN } : {}) };
    return super.render({ ...props, widget: english }, state);
  }
}
