// The leads table's columns: checkbox, time, the contacts as text, widget, site, open.
import type { Lead } from '../api-types.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import type { Column } from '../ui/data-table.js';
import { Icon } from '../ui/icons.js';
import { leadSummary } from './lead-summary.js';

export interface LeadColumnsOptions {
  allChecked: boolean;
  onCheckAll: (on: boolean) => void;
  isChecked: (lead: Lead) => boolean;
  onCheck: (lead: Lead, on: boolean) => void;
  widgetName: (lead: Lead) => string;
  siteName: (lead: Lead) => string;
  onOpen: (lead: Lead) => void;
}

const summaryOf = (lead: Lead) => leadSummary(lead) || t('leads.empty');

export function leadColumns(o: LeadColumnsOptions): Column<Lead>[] {
  return [
    {
      label: t('leads.selectPage'),
      class: 'check-col',
      head: <input type="checkbox" aria-label={t('leads.selectPage')} checked={o.allChecked} onChange={(e) => o.onCheckAll(e.currentTarget.checked)} />,
      cell: (lead) => <input type="checkbox" checked={o.isChecked(lead)} aria-label={t('leads.select', { summary: summaryOf(lead) })} onChange={(e) => o.onCheck(lead, e.currentTarget.checked)} />,
    },
    { label: t('leads.colDate'), cellClass: 'nowrap', cell: (lead) => formatDateTime(lead.createdAt) },
    {
      label: t('leads.colContact'),
      cellClass: 'lead-contact',
      // Text, never markup: the visitor typed it.
      cell: (lead) => (
        <button type="button" class="link-button strong-link" onClick={() => o.onOpen(lead)}>
          {summaryOf(lead)}
        </button>
      ),
    },
    { label: t('leads.colWidget'), cell: o.widgetName },
    { label: t('leads.colSite'), cell: o.siteName },
    {
      label: t('common.actions'),
      actions: true,
      cellClass: 'row-actions',
      cell: (lead) => (
        <button type="button" class="btn-icon" aria-label={t('leads.open', { summary: summaryOf(lead) })} onClick={() => o.onOpen(lead)}>
          <Icon name="eye" />
        </button>
      ),
    },
  ];
}
