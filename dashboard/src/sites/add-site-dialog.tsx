// A new site: its name and domains. Past the tariff's site limit the refusal says which
// tariff allows more.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import type { Site } from '../api-types.js';
import { t } from '../i18n/i18n.js';
import { Dialog } from '../ui/dialog.js';
import { refusalOf } from '../ui/errors.js';
import { ErrorBox } from '../ui/bits.js';
import { TextField } from '../ui/fields.js';
import { UpgradeHint } from '../tariff/upgrade-hint.js';
import { DomainList } from './domain-list.js';
import { fieldErrors } from './site-form.js';
import { useAction } from '../ui/use-action.js';
import { SendActions } from '../ui/save-actions.js';

export function AddSiteDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (site: Site) => void }) {
  const [name, setName] = useState('');
  const [domains, setDomains] = useState(['']);
  const { busy, error, run } = useAction();
  const fields = fieldErrors(error);
  const refusal = refusalOf(error);

  const submit = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const site = await api<Site>('POST', '/sites', { name: name.trim(), domains: domains.map((d) => d.trim()).filter(Boolean) });
      setName('');
      setDomains(['']);
      onCreated(site);
    });
  };

  return (
    <Dialog open={open} onClose={onClose} title={t('sites.addTitle')}>
      <form onSubmit={submit} class="stack">
        <TextField label={t('sites.name')} autoFocus value={name} onValue={setName} required maxLength={100} error={fields.name && t('v.required')} placeholder={t('sites.namePlaceholder')} />
        <DomainList domains={domains} onChange={setDomains} error={fields.domains && t('sites.domainsInvalid')} />
        {refusal ? <UpgradeHint refusal={refusal} /> : error && !Object.keys(fields).length ? <ErrorBox error={error} /> : null}
        <SendActions label={t('sites.create')} busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
