// The leads table's columns: checkbox, time, status, who (opens the lead), phone (call, copy),
// widget, site. The whole row opens the lead too (leads-page.tsx); the "who" button is the
// row's keyboard stop.
import type { Lead } from '../api-types.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import type { Column } from '../ui/data-table.js';
import { leadSummary } from './lead-summary.js';
import { StatusPill } from './lead-status.js';
import { PhoneLink } from './phone-link.js';

export interface LeadColumnsOptions {
  allChecked: boolean;
  onCheckAll: (on: boolean) => void;
  isChecked: (lead: Lead) => boolean;
  onCheck: (lead: Lead, on: boolean) => void;
  widgetName: (lead: Lead) => string;
  siteName: (lead: Lead) => string;
  onOpen: (lead: Lead) => void;
}

export const summaryOf = (lead: Lead) => leadSummary(lead) || t('leads.empty');
/** The lead in a few words without its phone, which has a column of its own. */
const whoOf = (lead: Lead) => leadSummary({ fields: Object.fromEntries(Object.entries(lead.fields).filter(([k]) => k !== 'phone')) }) || summaryOf(lead);

export function leadColumns(o: LeadColumnsOptions): Column<Lead>[] {
  return [
    {
      label: t('leads.selectPage'),
      class: 'check-col',
      head: <input type="checkbox" aria-label={t('leads.selectPage')} checked={o.allChecked} onChange={(e) => o.onCheckAll(e.currentTarget.checked)} />,
      cell: (lead) => <input type="checkbox" checked={o.isChecked(lead)} aria-label={t('leads.select', { summary: summaryOf(lead) })} onChange={(e) => o.onCheck(lead, e.currentTarget.checked)} />,
    },
    { label: t('leads.colDate'), cellClass: 'nowrap', cell: (lead) => formatDateTime(lead.createdAt) },
    { label: t('leads.colStatus'), cell: (lead) => <StatusPill status={lead.status} /> },
    {
      label: t('leads.colContact'),
      cellClass: 'lead-contact',
      // Text, never markup: the visitor typed it.
      cell: (lead) => (
        <button type="button" class="link-button strong-link" data-open-lead aria-label={t('leads.open', { summary: summaryOf(lead) })} onClick={() => o.onOpen(lead)}>
          {whoOf(lead)}
        </button>
      ),
    },
    { label: t('leads.colPhone'), cell: (lead) => (typeof lead.fields.phone === 'string' ? <PhoneLink phone={lead.fields.phone} /> : '—') },
    { label: t('leads.colWidget'), cell: o.widgetName },
    { label: t('leads.colSite'), cell: o.siteName },
  ];
}
