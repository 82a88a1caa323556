// Countdown: the moment it counts to (on the site's clock), texts and an optional button.
import { t } from '../../i18n/i18n.js';
import { TextField } from '../../ui/fields.js';
import type { EditorProps } from './editor-props.js';
import { ButtonLink } from './text-parts.js';

export function TimerEditor({ content: c, onChange, issues, timezone }: EditorProps<'timer'>) {
  const set = (patch: Partial<typeof c>) => onChange({ ...c, ...patch });
  return (
    <>
      <TextField label={t('editor.title')} value={c.title} maxLength={200} onValue={(title) => set({ title })} error={issues.get('title')} />
      <TextField label={t('editor.text')} value={c.text} maxLength={500} onValue={(text) => set({ text })} error={issues.get('text')} />
      <TextField
        label={t('editor.endsAt')}
        hint={t('editor.endsAtHint', { tz: timezone })}
        type="datetime-local"
        value={c.endsAt}
        onValue={(endsAt) => set({ endsAt: endsAt.slice(0, 16) })}
        error={issues.get('endsAt')}
      />
      <ButtonLink buttonText={c.buttonText} buttonUrl={c.buttonUrl} onChange={set} issues={issues} />
    </>
  );
}
