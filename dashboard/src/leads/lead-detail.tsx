// One lead in full: the manager's part first (status, note, history), then what the visitor
// sent (a phone as a call link with a copy button), where from, and the consent record. Every
// value is the visitor's own input and is rendered as text; only http(s) page addresses and
// E.164 phones become links. Deleting is a small action at the side, behind a confirmation.
import { get } from '../api.js';
import type { Lead, Site, Widget } from '../api-types.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { Detail } from '../ui/bits.js';
import { Dialog } from '../ui/dialog.js';
import { Icon } from '../ui/icons.js';
import { Loaded } from '../ui/loaded.js';
import { useApi } from '../ui/use-api.js';
import { LeadDeliveries } from './lead-deliveries.js';
import { formatPhone } from '#contracts/core/phone-format.js';
import { LeadWork, type LeadHistoryEntry } from './lead-work.js';
import { PhoneLink } from './phone-link.js';
import './leads.css';

const isHttp = (u: string) => /^https?:\/\//i.test(u);

function Url({ value }: { value: string | null }) {
  if (!value) return <>—</>;
  // A javascript: or data: "page URL" from a hostile client must never become clickable.
  return isHttp(value) ? (
    <a href={value} target="_blank" rel="noopener noreferrer nofollow" class="break">
      {value}
    </a>
  ) : (
    <span class="break">{value}</span>
  );
}

export function LeadDetail({
  id,
  widgets,
  sites,
  labels,
  onClose,
  onDelete,
  onChanged,
}: {
  id: string;
  widgets: Widget[];
  sites: Site[];
  labels: Map<string, Map<string, string>>;
  onClose: () => void;
  onDelete: (lead: Lead) => void;
  onChanged: () => void;
}) {
  const loaded = useApi((signal) => get<Lead & { history: LeadHistoryEntry[] }>(`/leads/${encodeURIComponent(id)}`, undefined, { signal }), [id]);
  const lead = loaded.data;
  const widget = lead && widgets.find((w) => w.id === lead.widgetId);
  const site = lead && sites.find((s) => s.id === lead.siteId);
  const names = (lead && labels.get(lead.widgetId)) ?? new Map<string, string>();
  const yes = (v: boolean) => (v ? t('common.yes') : t('common.no'));

  return (
    <Dialog
      open
      wide
      title={lead ? t('leads.detailTitle', { time: formatDateTime(lead.createdAt) }) : t('leads.detail')}
      onClose={onClose}
      footer={
        lead && (
          <>
            <button type="button" class="btn btn-small btn-danger-outline foot-start" onClick={() => onDelete(lead)}>
              <Icon name="trash" /> {t('leads.deleteOneMenu')}
            </button>
            <button type="button" class="btn" onClick={onClose}>
              {t('common.close')}
            </button>
          </>
        )
      }
    >
      {/* No retry here: closing the dialog and opening the lead again is the way out. */}
      <Loaded state={loaded} retry={false}>
        {(lead) => (
          <>
            <LeadWork leadId={lead.id} status={lead.status} note={lead.note} history={lead.history} onChanged={onChanged} />
            <h3 class="detail-h">{t('leads.fields')}</h3>
            <dl class="detail-list lead-fields">
              {Object.entries(lead.fields).map(([k, v]) => (
                <Detail key={k} label={names.get(k) ?? k} class="break pre">
                  {typeof v === 'boolean' ? yes(v) : k === 'phone' ? <PhoneLink phone={v} /> : formatPhone(v)}
                  {lead.rawFields[k] !== undefined && <span class="lead-raw">{t('leads.typedAs', { raw: lead.rawFields[k] })}</span>}
                </Detail>
              ))}
            </dl>
            <LeadDeliveries leadId={lead.id} siteId={lead.siteId} />
            <h3 class="detail-h">{t('leads.source')}</h3>
            <dl class="detail-list">
              <Detail label={t('leads.colWidget')}>{widget?.name ?? t('leads.deletedWidget')}</Detail>
              <Detail label={t('leads.colSite')}>{site?.name ?? '—'}</Detail>
              <Detail label={t('leads.page')}>
                <Url value={lead.pageUrl} />
              </Detail>
              <Detail label={t('leads.referrer')}>
                <Url value={lead.referrer} />
              </Detail>
              {Object.entries(lead.utm).map(([k, v]) => (
                <Detail key={k} label={k} class="break">
                  {v}
                </Detail>
              ))}
            </dl>
            <h3 class="detail-h">{t('leads.consent')}</h3>
            <dl class="detail-list">
              <Detail label={t('leads.consentAt')}>{formatDateTime(lead.consent.at)}</Detail>
              <Detail label={t('leads.marketing')}>{yes(lead.consent.marketing)}</Detail>
              <Detail label={t('leads.consentHash')} class="mono break">
                {lead.consent.hash}
              </Detail>
              <Detail label="IP" class="mono">
                {lead.ip ?? '—'}
              </Detail>
              <Detail label={t('leads.userAgent')} class="break small">
                {lead.userAgent ?? '—'}
              </Detail>
            </dl>
          </>
        )}
      </Loaded>
    </Dialog>
  );
}
