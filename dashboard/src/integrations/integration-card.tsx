// One connected destination: its state and latest result, the cross-border warning, and what
// can be done with it — send a test lead, show the secret, relink Telegram, enable again after
// a 410, retry the failed deliveries, disconnect (after a confirmation).
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import type { IntegrationItem, Widget } from '../api-types.js';
import { formatDateTime, t, tn } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { Notice, Pill, type Tone } from '../ui/bits.js';
import { useConfirm } from '../ui/dialog.js';
import { Icon } from '../ui/icons.js';
import { toast } from '../ui/toast.js';
import { useAction } from '../ui/use-action.js';
import { CrossBorderNote } from './cross-border-note.js';
import { isWebhookLike, kindName } from './kinds.js';
import { outcomeText } from './outcome-text.js';
import { IntegrationRefusal } from './refusal.js';
import { SecretBox, TelegramLinkBox, type TelegramLink } from './secrets.js';
import './integrations.css';

interface TestResult {
  ok: boolean;
  outcome: string;
  statusCode: number | null;
  error: string | null;
  retryAt: number | null;
}

export function statusOf(i: IntegrationItem): { tone: Tone; label: string } {
  if (!i.allowedByTariff) return { tone: 'muted', label: t('intg.status.notInTariff') };
  if (i.status === 'active') return { tone: 'ok', label: t('intg.status.active') };
  if (i.status === 'pending') return { tone: 'warn', label: i.kind === 'email' ? t('intg.status.awaitingConfirmation') : t('intg.status.pending') };
  if (i.status === 'broken') return { tone: 'danger', label: t('intg.status.broken') };
  return { tone: 'danger', label: t('intg.status.disabled') };
}

export function IntegrationCard({
  item,
  widgets,
  link,
  onChanged,
  onLink,
}: {
  item: IntegrationItem;
  widgets: Widget[];
  link?: TelegramLink;
  onChanged: () => void;
  onLink: (l: TelegramLink) => void;
}) {
  const { busy, running, error, run: runAction } = useAction();
  const [test, setTest] = useState<TestResult | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [dialog, ask] = useConfirm();
  const status = statusOf(item);
  const name = kindName(item.kind);
  const title = item.label ? `${name}: ${item.label}` : name;
  const widget = item.widgetId ? widgets.find((w) => w.id === item.widgetId) : null;
  const headId = `intg-${item.id}`;

  const run = (what: string, work: () => Promise<void>) => runAction(work, what);

  const sendTest = () =>
    run('test', async () => {
      setTest(null);
      setTest(await api<TestResult>('POST', `/integrations/${item.id}/test`));
      // A 410 or a blocked bot changes the destination's state.
      onChanged();
    });
  const showSecret = () =>
    run('secret', async () => {
      setSecret((await api<{ secret: string | null }>('GET', `/integrations/${item.id}/secret`)).secret);
    });
  const relink = () =>
    run('link', async () => {
      onLink((await api<{ link: TelegramLink }>('POST', `/integrations/${item.id}/link`)).link);
    });
  const enable = () =>
    run('enable', async () => {
      await api('POST', `/integrations/${item.id}/enable`);
      toast(t('intg.enabled', { name: title }));
      onChanged();
    });
  const resendLink = () =>
    run('confirmation', async () => {
      await api('POST', `/integrations/${item.id}/confirmation`);
      toast(t('intg.confirmResent'));
      onChanged();
    });
  const retryFailed = () =>
    run('retry', async () => {
      const { retried } = await api<{ retried: number }>('POST', `/integrations/${item.id}/retry-failed`);
      toast(tn('intg.retried', retried));
      onChanged();
    });
  const disconnect = async () => {
    const ok = await ask({ title: t('intg.disconnectTitle', { name: title }), body: <p>{t('intg.disconnectBody')}</p>, confirm: t('intg.disconnect'), danger: true });
    if (!ok) return;
    await run('delete', async () => {
      await api('DELETE', `/integrations/${item.id}`);
      toast(t('intg.disconnected', { name: title }));
      onChanged();
    });
  };

  const usable = item.status === 'active' && item.allowedByTariff;
  const last = item.lastAttempt;
  return (
    <li class="card intg" data-integration={item.id}>
      <div class="intg-head">
        <h3 id={headId}>
          {name} {item.label && <span class="intg-label break">{item.label}</span>}
        </h3>
        <Pill tone={status.tone}>{status.label}</Pill>
      </div>
      <p class="muted small">
        {widget ? t('intg.onlyWidget', { name: widget.name }) : t('intg.allWidgetsShort')}
        {item.preset && ` · ${t('intg.presetShort')}`}
      </p>
      {item.preset && <p class="hint">{t('intg.presetNote', { kind: name })}</p>}
      {item.crossBorder && <CrossBorderNote telegram={item.kind === 'telegram'} />}
      {!item.allowedByTariff && (
        <Notice tone="warn" icon="alert">
          <p>
            {t('intg.pausedByTariff')} <Link href="/tariff">{t('upgrade.compare')}</Link>
          </p>
        </Notice>
      )}
      {item.signInAddress && <p class="muted small">{t('intg.signInAddress')}</p>}
      {item.status === 'pending' && <p>{item.kind === 'email' ? t('intg.awaitingConfirmation') : t('intg.tgPending')}</p>}
      {(item.status === 'broken' || item.status === 'disabled') && (
        <Notice tone="danger" icon="alert">
          <p>{item.kind === 'telegram' ? t('intg.brokenTelegram') : t('intg.disabledHint')}</p>
          {item.statusReason && <p class="small">{t('intg.reason', { reason: item.statusReason })}</p>}
        </Notice>
      )}
      <p class="intg-last">{last ? t('intg.lastResult', { time: formatDateTime(last.at), result: outcomeText(last.outcome, last.statusCode, last.error) }) : t('intg.noLeadsYet')}</p>
      {item.failedDeliveries > 0 && <p class="text-danger">{tn('intg.failedCount', item.failedDeliveries)}</p>}
      {link && (item.status === 'pending' || item.status === 'broken') && <TelegramLinkBox link={link} />}
      {secret && <SecretBox secret={secret} />}
      {test && (
        <div class={test.ok ? 'notice notice-ok' : 'notice notice-danger'} role="status" data-test-result={test.outcome}>
          <Icon name={test.ok ? 'check' : 'alert'} />
          <p>{test.ok ? t('intg.testOk', { result: outcomeText(test.outcome, test.statusCode, null) }) : t('intg.testFailed', { result: outcomeText(test.outcome, test.statusCode, test.error) })}</p>
        </div>
      )}
      {error ? <IntegrationRefusal error={error} /> : null}
      <div class="intg-actions">
        {usable && (
          <button type="button" class="btn btn-small" disabled={busy} onClick={() => void sendTest()}>
            <Icon name="right" /> {running === 'test' ? t('intg.testing') : t('intg.test')}
          </button>
        )}
        {usable && item.failedDeliveries > 0 && (
          <button type="button" class="btn btn-small" disabled={busy} onClick={() => void retryFailed()}>
            <Icon name="refresh" /> {t('intg.retryFailed')}
          </button>
        )}
        {item.status === 'disabled' && item.kind !== 'telegram' && (
          <button type="button" class="btn btn-small btn-primary" disabled={busy} onClick={() => void enable()}>
            <Icon name="check" /> {t('intg.enable')}
          </button>
        )}
        {item.kind === 'telegram' && item.status !== 'active' && item.allowedByTariff && (
          <button type="button" class="btn btn-small" disabled={busy} onClick={() => void relink()}>
            <Icon name="refresh" /> {t('intg.tgNewLink')}
          </button>
        )}
        {item.kind === 'email' && item.status === 'pending' && (
          <button type="button" class="btn btn-small" disabled={busy} onClick={() => void resendLink()}>
            <Icon name="refresh" /> {t('intg.confirmResend')}
          </button>
        )}
        {isWebhookLike(item.kind) && !secret && (
          <button type="button" class="btn btn-small" disabled={busy} onClick={() => void showSecret()}>
            <Icon name="eye" /> {t('intg.showSecret')}
          </button>
        )}
        <button type="button" class="btn btn-small btn-danger-outline" disabled={busy} onClick={() => void disconnect()}>
          <Icon name="trash" /> {t('intg.disconnect')}
        </button>
      </div>
      {dialog}
    </li>
  );
}
