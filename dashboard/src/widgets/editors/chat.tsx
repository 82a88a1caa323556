// Live chat: the floating button, the window's title and greeting, when to give up waiting for
// an operator, and the offline form (its fields and the consent block) that turns into a lead.
import { t } from '../../i18n/i18n.js';
import { TextArea, TextField } from '../../ui/fields.js';
import { issuesUnder } from '../draft.js';
import type { EditorProps } from './editor-props.js';
import { FieldsEditor } from './fields-editor.js';
import { LeadSettings } from './lead-settings.js';

export function ChatEditor({ content: c, onChange, issues }: EditorProps<'chat'>) {
  const { fields, buttonText: _b, title: _t, greeting: _g, offlineAfterMin: _o, offlineText: _x, ...lead } = c;
  const set = (patch: Partial<typeof c>) => onChange({ ...c, ...patch });
  return (
    <>
      <TextField
        label={t('editor.floatingButton')}
        hint={t('editor.floatingButtonHint')}
        value={c.buttonText}
        maxLength={100}
        onValue={(buttonText) => set({ buttonText })}
        error={issues.get('buttonText')}
      />
      <TextField label={t('editor.title')} value={c.title} maxLength={200} onValue={(title) => set({ title })} error={issues.get('title')} />
      <TextArea label={t('chatEditor.greeting')} value={c.greeting} maxLength={500} rows={2} onValue={(greeting) => set({ greeting })} error={issues.get('greeting')} />
      <TextField
        label={t('chatEditor.offlineAfter')}
        hint={t('chatEditor.offlineAfterHint')}
        type="number"
        min={1}
        max={60}
        value={String(c.offlineAfterMin)}
        onValue={(v) => set({ offlineAfterMin: Number(v) || 1 })}
        error={issues.get('offlineAfterMin')}
      />
      <TextArea label={t('chatEditor.offlineText')} value={c.offlineText} maxLength={500} rows={2} onValue={(offlineText) => set({ offlineText })} error={issues.get('offlineText')} />
      <FieldsEditor fields={fields} onChange={(f) => set({ fields: f })} issues={issuesUnder(issues, 'fields')} />
      <LeadSettings value={lead} onChange={(l) => onChange({ ...c, ...l })} issues={issues} />
    </>
  );
}
