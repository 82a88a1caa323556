// A notification in the reader's language: the server stores its kind and numbers only.
import type { AppNotification } from '../api-types.js';
import { formatDate, formatDateTime, formatNumber, t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';

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
