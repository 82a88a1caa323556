// A new project: a name and a tariff. Free is active at once and its secret comes back in the
// answer; a paid one waits for its first payment (its secret comes with a rotation after it).
import { useState } from 'preact/hooks';
import { api, ApiRequestError } from '../api.js';
import { formatMoney, formatNumber, t } from '../i18n/i18n.js';
import { ErrorBox, Notice } from '../ui/bits.js';
import { Dialog } from '../ui/dialog.js';
import { SelectField, TextField } from '../ui/fields.js';
import type { RtProjectWithSecret, RtTariff } from './types.js';
import { tariffName } from '../tariff/tariff-names.js';
import { useAction } from '../ui/use-action.js';
import { SendActions } from '../ui/save-actions.js';

export function CreateProjectDialog({
  open,
  tariffs,
  hasFree,
  onClose,
  onCreated,
}: {
  open: boolean;
  tariffs: RtTariff[];
  /** The account already has its one Free project. */
  hasFree: boolean;
  onClose: () => void;
  onCreated: (created: RtProjectWithSecret) => void;
}) {
  const [name, setName] = useState('');
  const [tariffId, setTariffId] = useState<string>(hasFree ? 'rt_start' : 'rt_free');
  const { busy, error, run, setError } = useAction();
  const freeRefused = error instanceof ApiRequestError && error.code === 'limit_realtime_projects';

  const submit = (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return setError(new ApiRequestError(422, { code: 'validation_failed', message: '' }));
    void run(async () => {
      const created = await api<RtProjectWithSecret>('POST', '/realtime/projects', { name: name.trim(), tariffId });
      setName('');
      onCreated(created);
    });
  };

  const options = tariffs.map((x) => ({
    value: x.id,
    label:
      `${tariffName(x.id, x.name)} — ${t('rtp.limitsShort', { messages: formatNumber(x.limits.messagesPerDay), connections: formatNumber(x.limits.connections) })}` +
      (x.monthly ? `, ${t('rtp.perMonth', { price: formatMoney(x.monthly.priceKopecks / 100) })}` : ''),
  }));

  return (
    <Dialog open={open} onClose={onClose} title={t('rtp.createTitle')}>
      <form onSubmit={submit} class="stack">
        <TextField
          label={t('rtp.name')}
          autoFocus
          value={name}
          onValue={setName}
          required
          maxLength={100}
          placeholder={t('rtp.namePlaceholder')}
          error={error instanceof ApiRequestError && error.code === 'validation_failed' ? t('v.required') : undefined}
        />
        <SelectField label={t('rtp.tariff')} hint={tariffId === 'rt_free' ? t('rtp.freeHint') : t('rtp.paidHint')} value={tariffId} onValue={setTariffId} options={options} />
        {hasFree && tariffId === 'rt_free' && !freeRefused && <Notice tone="warn">{t('rtp.freeTaken')}</Notice>}
        {freeRefused ? <Notice tone="warn">{t('rtp.freeTaken')}</Notice> : error && !(error instanceof ApiRequestError && error.code === 'validation_failed') ? <ErrorBox error={error} /> : null}
        <SendActions label={t('rtp.create')} busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
