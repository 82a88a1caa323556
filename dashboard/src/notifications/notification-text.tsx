// A notification in the reader's language: the server stores its kind and numbers only.
import type { AppNotification } from '../api-types.js';
import { formatDate, formatDateTime, formatNumber, t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { formatKopecks, reasonText } from '../billing/billing-text.js';
import { tariffName } from '../tariff/tariff-names.js';

const PERIOD_MS = 30 * 86_400_000;

export function NotificationText({ n }: { n: AppNotification }) {
  const p = n.params;
  switch (n.kind) {
    case 'impressions_80':
      return (
        <>
          <strong>{t('notif.imp80Title')}</strong>
          <p>{t('notif.imp80', { used: formatNumber(Number(p.used)), cap: formatNumber(Number(p.cap)) })}</p>
          <Link href="/tariff">{t('notif.seeTariffs')}</Link>
        </>
      );
    case 'impressions_100':
      return (
        <>
          <strong>{t('notif.imp100Title')}</strong>
          <p>{t('notif.imp100', { cap: formatNumber(Number(p.cap)), until: formatDate(Number(p.periodStart) + PERIOD_MS) })}</p>
          <Link href="/tariff">{t('notif.seeTariffs')}</Link>
        </>
      );
    case 'realtime_messages_80':
    case 'realtime_messages_100':
      return (
        <>
          <strong>{n.kind === 'realtime_messages_100' ? t('notif.rt100Title', { project: String(p.projectName) }) : t('notif.rt80Title', { project: String(p.projectName) })}</strong>
          <p>{t('notif.rtUsage', { used: formatNumber(Number(p.used)), limit: formatNumber(Number(p.limit)) })}</p>
        </>
      );
    case 'period_ending':
      return (
        <>
          <strong>{t('notif.periodEndingTitle')}</strong>
          <p>{t('notif.periodEnding', { date: formatDate(Number(p.periodEnd)) })}</p>
          <Link href="/billing">{t('notif.toBilling')}</Link>
        </>
      );
    case 'autopay_coming':
      return (
        <>
          <strong>{t('notif.autopayTitle')}</strong>
          <p>{t('notif.autopay', { date: formatDate(Number(p.periodEnd)), amount: formatKopecks(Number(p.amountKopecks)) })}</p>
          <Link href="/billing">{t('notif.toBilling')}</Link>
        </>
      );
    case 'period_ended':
      return (
        <>
          <strong>{t('notif.periodEndedTitle')}</strong>
          <p>{t('notif.periodEnded', { n: Number(p.switchedOff), free: tariffName('free') })}</p>
          <Link href="/billing">{t('notif.toBilling')}</Link>
        </>
      );
    case 'payment_succeeded':
      return (
        <>
          <strong>{t('notif.paidTitle', { amount: formatKopecks(Number(p.amountKopecks)) })}</strong>
          {p.product !== 'realtime' && <p>{t('notif.paid', { date: formatDate(Number(p.periodEnd)) })}</p>}
        </>
      );
    case 'payment_failed':
      return (
        <>
          <strong>{t('notif.failedTitle', { amount: formatKopecks(Number(p.amountKopecks)) })}</strong>
          {p.reason ? <p>{t('ret.reason', { reason: reasonText(String(p.reason), null) })}</p> : null}
          {Number(p.switchedOff) >= 0 && <p>{t('notif.periodEnded', { n: Number(p.switchedOff), free: tariffName('free') })}</p>}
          <Link href="/billing">{t('notif.toBilling')}</Link>
        </>
      );
    case 'notice':
      return (
        <>
          <strong>{String(p.title)}</strong>
          <p class="pre">{String(p.body)}</p>
          <p class="muted">{t('notif.effective', { at: formatDateTime(Number(p.effectiveAt)) })}</p>
        </>
      );
  }
}
