// Call-back button: the floating button's text, the form's title and text, its fields (a
// required phone among them) and the consent block.
import { issuesUnder } from '../draft.js';
import type { EditorProps } from './editor-props.js';
import { FieldsEditor } from './fields-editor.js';
import { LeadSettings } from './lead-settings.js';
import { FloatingButtonText, TitleText } from './text-parts.js';

export function CallbackEditor({ content: c, onChange, issues }: EditorProps<'callback'>) {
  const { fields, buttonText: _b, title: _t, text: _x, ...lead } = c;
  return (
    <>
      <FloatingButtonText value={c.buttonText} onValue={(buttonText) => onChange({ ...c, buttonText })} issues={issues} />
      <TitleText title={c.title} text={c.text} onTitle={(title) => onChange({ ...c, title })} onText={(text) => onChange({ ...c, text })} issues={issues} textRows={2} />
      <FieldsEditor fields={fields} onChange={(f) => onChange({ ...c, fields: f })} issues={issuesUnder(issues, 'fields')} />
      <LeadSettings value={lead} onChange={(l) => onChange({ ...c, ...l })} issues={issues} />
    </>
  );
}
