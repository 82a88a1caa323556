// Where this lead went: each destination's delivery with its attempts, state, last answer and
// next try; a failed one can be sent again. Refreshed while something is still on its way.
import { useState } from 'preact/hooks';
import { api, get } from '../api.js';
import type { LeadDelivery, LeadDeliveries as Deliveries } from '../api-types.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { kindName } from '../integrations/kinds.js';
import { outcomeText } from '../integrations/outcome-text.js';
import { Link } from '../router/link.js';
import { Detail, ErrorBox, Pill, type Tone } from '../ui/bits.js';
import { Icon } from '../ui/icons.js';
import { Loaded } from '../ui/loaded.js';
import { outboxHref } from '../ui/outbox-link.js';
import { useApi, usePolling } from '../ui/use-api.js';
import '../integrations/integrations.css';

const POLL_MS = 3000;

const STATUS: Record<LeadDelivery['status'], { tone: Tone; key: Parameters<typeof t>[0] }> = {
  pending: { tone: 'info', key: 'dlv.status.pending' },
  sending: { tone: 'info', key: 'dlv.status.sending' },
  delivered: { tone: 'ok', key: 'dlv.status.delivered' },
  failed: { tone: 'danger', key: 'dlv.status.failed' },
  cancelled: { tone: 'muted', key: 'dlv.status.cancelled' },
};

const UNSENT_MAIL: { tone: Tone; key: Parameters<typeof t>[0] } = { tone: 'warn', key: 'dlv.status.mailNotSent' };

export function LeadDeliveries({ leadId, siteId }: { leadId: string; siteId: string }) {
  const list = useApi((signal) => get<Deliveries>(`/leads/${encodeURIComponent(leadId)}/deliveries`, undefined, { signal }), [leadId]);
  const [error, setError] = useState<{ id: string; error: unknown } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const items = list.data?.deliveries ?? [];
  usePolling(
    () => void list.reload(),
    POLL_MS,
    items.some((d) => d.status === 'pending' || d.status === 'sending'),
  );

  const retry = async (d: LeadDelivery) => {
    setBusy(d.id);
    setError(null);
    try {
      const next = await api<LeadDelivery>('POST', `/leads/${encodeURIComponent(leadId)}/deliveries/${d.id}/retry`);
      list.setData((cur) => cur && { ...cur, deliveries: cur.deliveries.map((x) => (x.id === d.id ? next : x)) });
    } catch (err) {
      setError({ id: d.id, error: err });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="dlv-section" aria-labelledby="deliveries-title">
      <h3 class="detail-h" id="deliveries-title">
        {t('dlv.title')}
      </h3>
      <Loaded
        state={list}
        isEmpty={(d) => d.deliveries.length === 0}
        empty={
          <p class="muted">
            {t('dlv.none')} <Link href={`/sites/${siteId}/integrations`}>{t('dlv.setUp')}</Link>
          </p>
        }
      >
        {({ deliveries, mail }) => (
          <ul class="dlv-list" aria-live="polite">
            {deliveries.map((d) => {
              // Without SMTP the mailer keeps the letter on this server: "delivered" would say it reached the inbox.
              const unsentMail = d.kind === 'email' && d.status === 'delivered' && mail !== 'smtp';
              const s = unsentMail ? UNSENT_MAIL : STATUS[d.status];
              return (
                <li key={d.id} class="dlv" data-delivery={d.id} data-status={d.status}>
                  <div class="intg-head">
                    <strong>
                      {kindName(d.kind)} <span class="muted break">{d.destinationDisconnected ? t('dlv.disconnected') : d.label}</span>
                    </strong>
                    <Pill tone={s.tone}>{t(s.key)}</Pill>
                  </div>
                  <dl class="detail-list dlv-facts">
                    <Detail label={t('dlv.attempts')}>{d.attempts}</Detail>
                    <Detail label={t('dlv.code')}>{d.lastStatusCode ?? '—'}</Detail>
                    {d.deliveredAt !== null && !unsentMail && <Detail label={t('dlv.deliveredAt')}>{formatDateTime(d.deliveredAt)}</Detail>}
                    {d.nextAttemptAt !== null && <Detail label={t('dlv.next')}>{formatDateTime(d.nextAttemptAt)}</Detail>}
                    {d.lastError && d.status !== 'delivered' && (
                      <Detail label={t('dlv.error')} class="break">
                        {d.lastError}
                      </Detail>
                    )}
                  </dl>
                  {unsentMail && (
                    <p class="hint hint-warn">
                      {mail === 'dev_outbox' ? t('intg.mailDevOutbox') : t('intg.mailNotSent')}{' '}
                      {mail === 'dev_outbox' && (
                        <a href={outboxHref()} target="_blank" rel="noopener">
                          {t('auth.openOutbox')}
                        </a>
                      )}
                    </p>
                  )}
                  {d.crossBorder && <p class="hint hint-warn">{t('intg.crossBorderShort')}</p>}
                  {d.log.length > 0 && (
                    <details class="dlv-log">
                      <summary>{t('dlv.log', { n: d.log.length })}</summary>
                      <ol>
                        {d.log.map((a, i) => (
                          <li key={i}>
                            {formatDateTime(a.at)} — {outcomeText(a.outcome, a.statusCode, a.error)}
                          </li>
                        ))}
                      </ol>
                    </details>
                  )}
                  {d.canRetry ? (
                    <button type="button" class="btn btn-small" disabled={busy === d.id} onClick={() => void retry(d)}>
                      <Icon name="refresh" /> {t('dlv.retry')}
                    </button>
                  ) : (d.status === 'failed' || d.status === 'cancelled') && !d.destinationDisconnected ? (
                    <p class="small">
                      {t('dlv.fixFirst')} <Link href={`/sites/${siteId}/integrations`}>{t('dlv.openIntegrations')}</Link>
                    </p>
                  ) : null}
                  {error?.id === d.id && <ErrorBox error={error.error} />}
                </li>
              );
            })}
          </ul>
        )}
      </Loaded>
    </section>
  );
}
