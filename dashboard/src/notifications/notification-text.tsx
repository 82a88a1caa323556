// A notification in the reader's language: the server stores its kind and numbers only.
import { PERIOD_MS } from '#contracts/core/tariffs.js';
import type { AppNotification } from '../api-types.js';
import { formatDate, formatDateTime, formatNumber, t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { formatKopecks, reasonText } from '../billing/billing-text.js';
import { tariffName } from '../tariff/tariff-names.js';
import { noticeInLang } from './notice-lang.js';

/** Where a notification sends the reader to act on it. */
const WAY_OUT = { tariff: ['/tariff', 'notif.seeTariffs'], billing: ['/billing', 'notif.toBilling'] } as const;

/** Most notifications: a title, a line, and a link to where to act on it. */
function Message({ title, text, to }: { title: string; text?: string | undefined; to?: keyof typeof WAY_OUT }) {
  return (
    <>
      <strong>{title}</strong>
      {text && <p>{text}</p>}
      {to && <Link href={WAY_OUT[to][0]}>{t(WAY_OUT[to][1])}</Link>}
    </>
  );
}

export function NotificationText({ n }: { n: AppNotification }) {
  const p = n.params;
  switch (n.kind) {
    case 'impressions_80':
      return <Message title={t('notif.imp80Title')} text={t('notif.imp80', { used: formatNumber(Number(p.used)), cap: formatNumber(Number(p.cap)) })} to="tariff" />;
    case 'impressions_100':
      return <Message title={t('notif.imp100Title')} text={t('notif.imp100', { cap: formatNumber(Number(p.cap)), until: formatDate(Number(p.periodStart) + PERIOD_MS) })} to="tariff" />;
    case 'realtime_messages_80':
    case 'realtime_messages_100':
      return (
        <Message
          title={n.kind === 'realtime_messages_100' ? t('notif.rt100Title', { project: String(p.projectName) }) : t('notif.rt80Title', { project: String(p.projectName) })}
          text={t('notif.rtUsage', { used: formatNumber(Number(p.used)), limit: formatNumber(Number(p.limit)) })}
        />
      );
    case 'period_ending':
      return <Message title={t('notif.periodEndingTitle')} text={t('notif.periodEnding', { date: formatDate(Number(p.periodEnd)) })} to="billing" />;
    case 'autopay_coming':
      return <Message title={t('notif.autopayTitle')} text={t('notif.autopay', { date: formatDate(Number(p.periodEnd)), amount: formatKopecks(Number(p.amountKopecks)) })} to="billing" />;
    case 'period_ended':
      return <Message title={t('notif.periodEndedTitle')} text={t('notif.periodEnded', { n: Number(p.switchedOff), free: tariffName('free') })} to="billing" />;
    case 'payment_succeeded':
      return (
        <Message
          title={t('notif.paidTitle', { amount: formatKopecks(Number(p.amountKopecks)) })}
          text={p.product !== 'realtime' ? t('notif.paid', { date: formatDate(Number(p.periodEnd)) }) : undefined}
        />
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
    case 'notice': {
      const { title, body } = noticeInLang(p);
      return (
        <>
          <strong>{title}</strong>
          <p class="pre">{body}</p>
          <p class="muted">{t('notif.effective', { at: formatDateTime(Number(p.effectiveAt)) })}</p>
        </>
      );
    }
  }
}
