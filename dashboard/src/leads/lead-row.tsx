// One lead in the table: checkbox, time, the contacts as text, widget, site, open.
import type { Lead } from '../api-types.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { Icon } from '../ui/icons.js';
import { leadSummary } from './lead-summary.js';

export function LeadRow({ lead, fresh, checked, onCheck, widget, site, onOpen }: { lead: Lead; fresh: boolean; checked: boolean; onCheck: (on: boolean) => void; widget: string; site: string; onOpen: () => void }) {
  const summary = leadSummary(lead) || t('leads.empty');
  return (
    <tr class={fresh ? 'row-fresh' : undefined} data-lead={lead.id}>
      <td class="check-col">
        <input type="checkbox" checked={checked} aria-label={t('leads.select', { summary })} onChange={(e) => onCheck(e.currentTarget.checked)} />
      </td>
      <td data-label={t('leads.colDate')} class="nowrap">
        {formatDateTime(lead.createdAt)}
      </td>
      <td data-label={t('leads.colContact')} class="lead-contact">
        {/* Text, never markup: the visitor typed it. */}
        <button type="button" class="link-button strong-link" onClick={onOpen}>
          {summary}
        </button>
      </td>
      <td data-label={t('leads.colWidget')}>{widget}</td>
      <td data-label={t('leads.colSite')}>{site}</td>
      <td class="row-actions">
        <button type="button" class="btn-icon" aria-label={t('leads.open', { summary })} onClick={onOpen}>
          <Icon name="eye" />
        </button>
      </td>
    </tr>
  );
}
