// Call-back button: the floating button's text, the form's title and text, its fields (a
// required phone among them) and the consent block.
import { t } from '../../i18n/i18n.js';
import { TextField } from '../../ui/fields.js';
import { issuesUnder } from '../draft.js';
import type { EditorProps } from './editor-props.js';
import { FieldsEditor } from './fields-editor.js';
import { LeadSettings } from './lead-settings.js';
import { TitleText } from './text-parts.js';

export function CallbackEditor({ content: c, onChange, issues }: EditorProps<'callback'>) {
  const { fields, buttonText: _b, title: _t, text: _x, ...lead } = c;
  return (
    <>
      <TextField
        label={t('editor.floatingButton')}
        hint={t('editor.floatingButtonHint')}
        value={c.buttonText}
        maxLength={100}
        onValue={(buttonText) => onChange({ ...c, buttonText })}
        error={issues.get('buttonText')}
      />
      <TitleText title={c.title} text={c.text} onTitle={(title) => onChange({ ...c, title })} onText={(text) => onChange({ ...c, text })} issues={issues} textRows={2} />
      <FieldsEditor fields={fields} onChange={(f) => onChange({ ...c, fields: f })} issues={issuesUnder(issues, 'fields')} />
      <LeadSettings value={lead} onChange={(l) => onChange({ ...c, ...l })} issues={issues} />
    </>
  );
}
