// /billing/return?payment=…: where YooKassa sends the payer back. The redirect itself proves
// nothing, so the page asks our API (which asks YooKassa) until the payment is final. A payment
// made without YooKassa (or by a company's invoice) waits for a bank transfer: the page says so,
// with the operator's bank details and the invoice, and checks now and then for the operator's mark.
import { useEffect, useState } from 'preact/hooks';
import { api, get } from '../api.js';
import type { Billing, Payment } from '../api-types.js';
import { formatDate, t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { useLocation } from '../router/router.js';
import { useSession } from '../session.js';
import { Detail, ErrorBox, Notice, FormError } from '../ui/bits.js';
import { errorText } from '../ui/errors.js';
import { Page } from '../ui/page.js';
import { useApi, usePolling } from '../ui/use-api.js';
import { Card } from '../ui/section.js';
import { formatKopecks, reasonText } from './billing-text.js';
import { tariffName } from '../tariff/tariff-names.js';
import './billing.css';

const FINAL = new Set(['succeeded', 'canceled']);

export default function ReturnPage() {
  const id = useLocation().query.get('payment');
  const { refresh } = useSession();
  const payment = useApi((signal) => (id ? get<Payment>(`/billing/payments/${encodeURIComponent(id)}`, undefined, { signal }) : Promise.resolve(null)), [id]);
  const status = payment.data?.status;
  const final = !!status && FINAL.has(status);
  const transfer = payment.data?.bankTransfer ?? null;
  // A transfer takes hours or days: a slow check is enough to show "paid" on a page left open.
  usePolling(() => void payment.reload(), transfer ? 30_000 : 2000, !!id && !!payment.data && !final);

  const [periodEnd, setPeriodEnd] = useState<number | null>(null);
  const isWidgetTariff = payment.data?.product !== 'realtime';
  useEffect(() => {
    if (status !== 'succeeded' || !isWidgetTariff) return;
    // The tariff changed: the navigation's tariff chip and limits must follow.
    void refresh();
    get<Billing>('/billing').then(
      (b) => setPeriodEnd(b.subscription?.periodEnd ?? null),
      () => undefined,
    );
  }, [status]);

  const [busy, setBusy] = useState(false);
  const [retryError, setRetryError] = useState<unknown>();
  const again = async (resend: boolean) => {
    const p = payment.data!;
    setBusy(true);
    setRetryError(undefined);
    try {
      const next = resend ? await api<Payment>('POST', `/billing/payments/${p.id}/retry`) : await api<Payment>('POST', '/billing/checkout', { tariffId: p.tariffId, autopay: false });
      if (next.confirmationUrl) location.assign(next.confirmationUrl);
      else setBusy(false);
    } catch (err) {
      setRetryError(err);
      setBusy(false);
    }
  };

  const title = t('ret.title');
  if (!id)
    return (
      <Page title={title}>
        <Notice tone="danger">{t('ret.noPayment')}</Notice>
      </Page>
    );
  if (payment.error && !payment.data)
    return (
      <Page title={title}>
        <ErrorBox error={payment.error} retry={payment.reload} />
      </Page>
    );
  const p = payment.data;
  return (
    <Page title={title}>
      <div aria-live="polite" class="stack">
        {!p ? (
          <Notice tone="info">{t('ret.checking')}</Notice>
        ) : p.status === 'succeeded' && p.product === 'realtime' ? (
          <Notice tone="ok" icon="check">
            <p>{t('ret.paidRealtime')}</p>
          </Notice>
        ) : p.status === 'succeeded' ? (
          <Notice tone="ok" icon="check">
            <p>{t('ret.paid', { tariff: tariffName(p.tariffId), date: periodEnd ? formatDate(periodEnd) : '…' })}</p>
          </Notice>
        ) : p.status === 'canceled' ? (
          <Notice tone="danger" icon="alert">
            <p>{t('ret.canceled')}</p>
            {p.cancellation && <p>{t('ret.reason', { reason: reasonText(p.cancellation.reason, p.cancellation.text) })}</p>}
          </Notice>
        ) : transfer ? (
          <BankTransferDetails transfer={transfer} />
        ) : (
          <Notice tone="info">{t('ret.pending')}</Notice>
        )}
      </div>
      <FormError message={retryError !== undefined && errorText(retryError)} />
      <div class="form-actions form-actions-start">
        {p?.status === 'canceled' && p.product !== 'realtime' && (
          <button type="button" class="btn btn-primary" disabled={busy} onClick={() => again(false)}>
            {t('ret.retry')}
          </button>
        )}
        {p?.status === 'created' && (
          <button type="button" class="btn btn-primary" disabled={busy} onClick={() => again(true)}>
            {t('ret.resend')}
          </button>
        )}
        {p?.status === 'pending' && p.confirmationUrl && (
          <a class="btn" href={p.confirmationUrl}>
            {t('bill.checkout')}
          </a>
        )}
        {p?.product === 'realtime' && p.productRef ? (
          // A realtime period is bought (and bought again) on its project's page.
          <Link class={p.status === 'canceled' ? 'btn btn-primary' : 'btn'} href={`/realtime/${encodeURIComponent(p.productRef)}`}>
            {t('ret.toProject')}
          </Link>
        ) : (
          <Link class="btn" href="/billing">
            {t('ret.toBilling')}
          </Link>
        )}
      </div>
    </Page>
  );
}

type Transfer = NonNullable<Payment['bankTransfer']>;

/** What to transfer where: the operator's bank details, the amount and the purpose that names the payment. */
function BankTransferDetails({ transfer }: { transfer: Transfer }) {
  const p = transfer.payee;
  const rows: [string, string | null][] = p
    ? [
        [t('ret.payee'), p.name],
        [t('ret.inn'), p.inn],
        [t('ret.kpp'), p.kpp],
        [t('ret.bank'), p.bank],
        [t('ret.bik'), p.bik],
        [t('ret.account'), p.account],
        [t('ret.corrAccount'), p.corrAccount],
      ]
    : [];
  return (
    <>
      <Notice tone="info">
        {/* Without bank details there is nothing "below" to transfer by: the card says how to get them. */}
        <p>{t(p ? 'ret.awaiting' : 'ret.awaitingNoDetails', { total: formatKopecks(transfer.amountKopecks) })}</p>
      </Notice>
      <Card id="ret-bank" title={t('ret.bankTitle')}>
        {!p && transfer.operatorEmail && (
          <p role="note">
            {t('ret.noBankDetails')} {t('ret.operatorEmail')} <a href={`mailto:${transfer.operatorEmail}?subject=${encodeURIComponent(transfer.purpose)}`}>{transfer.operatorEmail}</a>
          </p>
        )}
        {/* No bank details and no operator to write to: only a server not yet set up (production
            refuses to start without OPERATOR_EMAILS). Whoever runs it is the one to ask. */}
        {!p && !transfer.operatorEmail && <p role="note">{t('ret.noOperator')}</p>}
        <dl class="bank-details">
          {rows
            .filter((r): r is [string, string] => !!r[1])
            .map(([label, value]) => (
              <Detail key={label} label={label}>
                {value}
              </Detail>
            ))}
          <Detail label={t('ret.amount')}>{formatKopecks(transfer.amountKopecks)}</Detail>
          {/* Russian in every dashboard language: the payer types it into a Russian bank; lang tells a screen reader so. */}
          <Detail label={t('ret.purpose')}>
            <span lang="ru">{transfer.purpose}</span>
          </Detail>
        </dl>
        <p>
          <a class="btn" href={transfer.invoiceUrl} target="_blank" rel="noopener">
            {t('ret.invoice')}
          </a>
        </p>
      </Card>
    </>
  );
}
