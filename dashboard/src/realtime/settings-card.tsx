// The project's name, the origins browsers may connect from, and client events on or off.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiRequestError } from '../api.js';
import { t } from '../i18n/i18n.js';
import { ErrorBox } from '../ui/bits.js';
import { Checkbox, TextArea, TextField } from '../ui/fields.js';
import { toast } from '../ui/toast.js';
import { useUnsavedGuard } from '../ui/unsaved.js';
import { SaveActions } from '../ui/save-actions.js';
import { useAction } from '../ui/use-action.js';
import { Card } from '../ui/section.js';
import type { RtProject } from './types.js';

interface Form {
  name: string;
  origins: string;
  clientEvents: boolean;
}

const formOf = (p: RtProject): Form => ({ name: p.name, origins: p.settings.allowedOrigins.join('\n'), clientEvents: p.settings.clientEvents });
const originsOf = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Which part of the form a 422 is about: the server names the field (allowedOrigins.3 → origins). */
function fieldOf(err: unknown): 'name' | 'origins' | null {
  if (!(err instanceof ApiRequestError) || err.code !== 'validation_failed') return null;
  const issues = (err.body.details as { issues?: { path: string }[] } | undefined)?.issues ?? [];
  return issues.some((i) => i.path.startsWith('allowedOrigins')) ? 'origins' : issues.some((i) => i.path.startsWith('name')) ? 'name' : null;
}

export function SettingsCard({ project, onSaved }: { project: RtProject; onSaved: (p: RtProject) => void }) {
  const [form, setForm] = useState<Form>(() => formOf(project));
  const { busy, error, run } = useAction();
  const saved = formOf(project);
  const dirty = form.name !== saved.name || originsOf(form.origins).join('\n') !== saved.origins || form.clientEvents !== saved.clientEvents;
  useUnsavedGuard(dirty);
  // Polling replaces the project every few seconds: only a real change on the server resets the form.
  useEffect(() => setForm(formOf(project)), [project.updatedAt]);
  const field = fieldOf(error);

  const save = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const next = await api<RtProject>('PATCH', `/realtime/projects/${project.id}`, { name: form.name.trim(), allowedOrigins: originsOf(form.origins), clientEvents: form.clientEvents });
      onSaved(next);
      setForm(formOf(next));
      toast(t('common.saved'));
    });
  };

  return (
    <Card id="rt-settings-title" title={t('rtp.settings')}>
      <form class="stack" onSubmit={save}>
        <TextField label={t('rtp.name')} value={form.name} onValue={(v) => setForm({ ...form, name: v })} required maxLength={100} error={field === 'name' ? t('v.required') : undefined} />
        <TextArea
          label={t('rtp.origins')}
          hint={t('rtp.originsHint')}
          rows={3}
          value={form.origins}
          onValue={(v) => setForm({ ...form, origins: v })}
          error={field === 'origins' ? t('rtp.originsInvalid') : undefined}
        />
        <Checkbox label={t('rtp.clientEvents')} hint={t('rtp.clientEventsHint')} checked={form.clientEvents} onValue={(v) => setForm({ ...form, clientEvents: v })} />
        {error && !field ? <ErrorBox error={error} /> : null}
        <SaveActions dirty={dirty} busy={busy} />
      </form>
    </Card>
  );
}
