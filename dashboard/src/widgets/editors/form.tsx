// Lead form: title, text, the fields, and the consent block.
import type { EditorProps } from './editor-props.js';
import { issuesUnder } from '../draft.js';
import { FieldsEditor } from './fields-editor.js';
import { LeadSettings } from './lead-settings.js';
import { TitleText } from './text-parts.js';

export function FormEditor({ content: c, onChange, issues }: EditorProps<'form'>) {
  const { fields, ...lead } = c;
  return (
    <>
      <TitleText title={c.title} text={c.text} onTitle={(title) => onChange({ ...c, title })} onText={(text) => onChange({ ...c, text })} issues={issues} />
      <FieldsEditor fields={fields} onChange={(f) => onChange({ ...c, fields: f })} issues={issuesUnder(issues, 'fields')} />
      <LeadSettings value={lead} onChange={(l) => onChange({ ...c, ...l })} issues={issues} />
    </>
  );
}
