// Live chat: the floating button, the panel's title, who answers (name, picture, usual answer
// time), whether a name and phone come before the first message, the greeting, when to give up
// waiting for an operator, and the offline form (its fields and the consent block) that turns
// into a lead carrying the conversation.
import { t } from '../../i18n/i18n.js';
import { Checkbox, TextArea, TextField } from '../../ui/fields.js';
import { issuesUnder } from '../draft.js';
import type { EditorProps } from './editor-props.js';
import { FieldsEditor } from './fields-editor.js';
import { LeadSettings } from './lead-settings.js';
import { FloatingButtonText } from './text-parts.js';

export function ChatEditor({ content: c, onChange, issues }: EditorProps<'chat'>) {
  const { fields, buttonText: _b, title: _t, greeting: _g, offlineAfterMin: _o, offlineText: _x, requireContact: _r, operatorName: _n, operatorPhoto: _p, answersWithinMin: _a, ...lead } = c;
  const set = (patch: Partial<typeof c>) => onChange({ ...c, ...patch });
  /** A number of minutes; an empty or unreadable entry becomes the smallest allowed. */
  const minutes = (key: 'answersWithinMin' | 'offlineAfterMin', label: string, hint: string, min: number, max: number) => (
    <TextField label={label} hint={hint} type="number" min={min} max={max} value={String(c[key] ?? min)} onValue={(v) => set({ [key]: Number(v) || min })} error={issues.get(key)} />
  );
  return (
    <>
      <FloatingButtonText value={c.buttonText} onValue={(buttonText) => set({ buttonText })} issues={issues} />
      <TextField label={t('editor.title')} value={c.title} maxLength={200} onValue={(title) => set({ title })} error={issues.get('title')} />
      <TextField
        label={t('chatEditor.operatorName')}
        hint={t('chatEditor.operatorNameHint')}
        value={c.operatorName ?? ''}
        maxLength={100}
        onValue={(operatorName) => set({ operatorName })}
        error={issues.get('operatorName')}
      />
      <TextField
        label={t('chatEditor.operatorPhoto')}
        type="url"
        value={c.operatorPhoto ?? ''}
        maxLength={2000}
        onValue={(v) => set({ operatorPhoto: v || undefined })}
        error={issues.get('operatorPhoto')}
      />
      {minutes('answersWithinMin', t('chatEditor.answersWithin'), t('chatEditor.answersWithinHint'), 0, 1440)}
      <Checkbox label={t('chatEditor.requireContact')} hint={t('chatEditor.requireContactHint')} checked={!!c.requireContact} onValue={(requireContact) => set({ requireContact })} />
      <TextArea label={t('chatEditor.greeting')} value={c.greeting} maxLength={500} rows={2} onValue={(greeting) => set({ greeting })} error={issues.get('greeting')} />
      {minutes('offlineAfterMin', t('chatEditor.offlineAfter'), t('chatEditor.offlineAfterHint'), 1, 60)}
      <TextArea label={t('chatEditor.offlineText')} value={c.offlineText} maxLength={500} rows={2} onValue={(offlineText) => set({ offlineText })} error={issues.get('offlineText')} />
      <FieldsEditor fields={fields} onChange={(f) => set({ fields: f })} issues={issuesUnder(issues, 'fields')} />
      <LeadSettings value={lead} onChange={(l) => onChange({ ...c, ...l })} issues={issues} />
    </>
  );
}
