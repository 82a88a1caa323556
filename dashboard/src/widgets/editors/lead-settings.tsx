// What every lead-collecting type needs under 152-FZ (as amended from 1 Sept 2025): links to
// the licensee's consent document and privacy policy (without both the widget cannot be
// switched on), an optional separate marketing consent, and the button and thank-you texts.
import { useState } from 'preact/hooks';
import type { LeadContent } from '#contracts/core/widget.js';
import { t } from '../../i18n/i18n.js';
import { Checkbox, TextArea, TextField } from '../../ui/fields.js';
import type { Issues } from '../draft.js';
import { ConsentTemplateDialog } from './consent-template-dialog.js';
import { OptionalUrl } from './text-parts.js';

type LeadParts = Omit<LeadContent, 'fields'>;

/** The two documents the widget links to, both needed to switch it on. */
const LINKS = ['consentUrl', 'privacyUrl'] as const;

export function LeadSettings({ value, onChange, issues }: { value: LeadParts; onChange: (v: LeadParts) => void; issues: Issues }) {
  const [template, setTemplate] = useState(false);
  const set = (patch: Partial<LeadParts>) => onChange({ ...value, ...patch });
  return (
    <>
      <div class="grid-2">
        <TextField label={t('editor.submitText')} value={value.submitText} maxLength={100} onValue={(v) => set({ submitText: v })} error={issues.get('submitText')} />
      </div>
      <TextArea label={t('editor.successText')} value={value.successText} rows={2} maxLength={500} onValue={(v) => set({ successText: v })} error={issues.get('successText')} />
      <fieldset class="consent-box">
        <legend>{t('editor.consentTitle')}</legend>
        <p class="hint">{t('editor.consentAbout')}</p>
        {LINKS.map((key) => (
          <OptionalUrl
            key={key}
            label={t(`editor.${key}`)}
            value={value[key]}
            onValue={(url) => set({ [key]: url })}
            error={issues.get(key)}
            hint={!value[key] ? t('editor.neededToActivate') : undefined}
            name={key}
          />
        ))}
        <button type="button" class="link-button" onClick={() => setTemplate(true)}>
          {t('editor.consentTemplate')}
        </button>
        <Checkbox label={t('editor.marketing')} hint={t('editor.marketingHint')} checked={value.marketingConsent} onValue={(v) => set({ marketingConsent: v })} />
      </fieldset>
      <ConsentTemplateDialog open={template} onClose={() => setTemplate(false)} />
    </>
  );
}
