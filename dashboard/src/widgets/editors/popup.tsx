// Pop-up: a message with an optional button, and optionally a lead form (then the consent
// block is required, as for any form).
import { t } from '../../i18n/i18n.js';
import { Checkbox } from '../../ui/fields.js';
import { issuesUnder } from '../draft.js';
import type { EditorProps } from './editor-props.js';
import { FieldsEditor } from './fields-editor.js';
import { LeadSettings } from './lead-settings.js';
import { ButtonLink, OptionalUrl, TitleText } from './text-parts.js';

export function PopupEditor({ content: c, onChange, issues }: EditorProps<'popup'>) {
  const set = (patch: Partial<typeof c>) => onChange({ ...c, ...patch });
  const { fields, title: _t, text: _x, imageUrl: _i, buttonText: _b, buttonUrl: _u, ...lead } = c;
  return (
    <>
      <TitleText title={c.title} text={c.text} onTitle={(title) => set({ title })} onText={(text) => set({ text })} issues={issues} />
      <OptionalUrl label={t('editor.imageUrl')} value={c.imageUrl} onValue={(imageUrl) => set({ imageUrl })} error={issues.get('imageUrl')} />
      <ButtonLink buttonText={c.buttonText} buttonUrl={c.buttonUrl} onChange={set} issues={issues} />
      <Checkbox
        label={t('editor.popupWithForm')}
        hint={t('editor.popupWithFormHint')}
        checked={fields.length > 0}
        onValue={(on) =>
          set({
            fields: on
              ? [
                  { key: 'name', kind: 'name', label: t('field.label.name'), required: true },
                  { key: 'phone', kind: 'phone', label: t('field.label.phone'), required: true },
                ]
              : [],
          })
        }
      />
      {fields.length > 0 && (
        <>
          <FieldsEditor fields={fields} onChange={(f) => set({ fields: f })} issues={issuesUnder(issues, 'fields')} />
          <LeadSettings value={lead} onChange={(l) => set(l)} issues={issues} />
        </>
      )}
    </>
  );
}
