// Today's use against the tariff: messages (a daily allowance that runs out until 00:00 UTC)
// and connections open now (a capacity: new ones are refused when full), with the 80 / 100 %
// warnings of offer 000 §4.5.1.
import { formatNumber, t } from '../i18n/i18n.js';
import type { RtProject } from './types.js';
import { Card } from '../ui/section.js';

function Meter({ label, used, limit, note }: { label: string; used: number; limit: number; note: string | null }) {
  const ratio = limit > 0 ? used / limit : 1;
  const tone = ratio >= 1 ? 'danger' : ratio >= 0.8 ? 'warn' : 'ok';
  return (
    <div class={`usage usage-${tone}`}>
      <div class="usage-row">
        <span class="usage-label">{label}</span>
        <span class="usage-value">
          {formatNumber(used)} / {formatNumber(limit)}
        </span>
      </div>
      <div class="usage-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={limit} aria-valuenow={Math.min(used, limit)}>
        <div class="usage-fill" ref={(el) => el?.style.setProperty('--w', `${Math.min(100, ratio * 100)}%`)} />
      </div>
      {note && <p class="usage-note">{note}</p>}
    </div>
  );
}

export function UsageCard({ project }: { project: RtProject }) {
  const u = project.usage;
  // The server's own mark (the notice it sent today) or what the numbers say now, whichever is higher.
  const msgPercent = Math.max(u.warningPercent, u.messagesLimit > 0 ? (u.messages / u.messagesLimit) * 100 : 100);
  const connPercent = u.connectionsLimit > 0 ? (u.connections / u.connectionsLimit) * 100 : 100;
  const msgNote = msgPercent >= 100 ? t('rtp.msgWarn100') : msgPercent >= 80 ? t('rtp.msgWarn80') : null;
  const connNote = connPercent >= 100 ? t('rtp.connWarn100') : connPercent >= 80 ? t('rtp.connWarn80') : null;
  return (
    <Card id="rt-usage-title" title={t('rtp.usageTitle')}>
      {/* Polled every few seconds: no live region, or a busy project would talk without pause. */}
      <Meter label={t('rtp.messagesToday')} used={u.messages} limit={u.messagesLimit} note={msgNote} />
      <Meter label={t('rtp.connectionsNow')} used={u.connections} limit={u.connectionsLimit} note={connNote} />
      <p class="hint">{t('rtp.messageIs')}</p>
    </Card>
  );
}
