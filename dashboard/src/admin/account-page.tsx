// One account for the operator: tariff, period, usage, widgets; blocks with reasons, a manual
// tariff switch or period extension, and journaled reads of the licensee's leads.
import { useState } from 'preact/hooks';
import { api, get } from '../api.js';
import type { WidgetType } from '#contracts/core/widget.js';
import { formatDate, formatDateTime, formatNumber, t } from '../i18n/i18n.js';
import type { PageProps } from '../router/lazy-page.js';
import { Detail, Notice, Pill, UsageBar } from '../ui/bits.js';
import { DataTable } from '../ui/data-table.js';
import { TextField } from '../ui/fields.js';
import { Loaded } from '../ui/loaded.js';
import { Card, Section } from '../ui/section.js';
import { toast } from '../ui/toast.js';
import { useApi } from '../ui/use-api.js';
import { widgetTypeName } from '../widgets/type-names.js';
import { AccountLeads } from './account-leads.js';
import { BlockToggle, WithNote } from './admin-cells.js';
import { AccountRealtime } from './account-realtime.js';
import { formatKopecks } from '../billing/billing-text.js';
import { AdminPage } from './admin-frame.js';
import type { AdminAccountDetail } from './admin-types.js';
import { ReasonDialog } from './reason-dialog.js';
import { TariffDialog } from './tariff-dialog.js';
import { tariffName } from '../tariff/tariff-names.js';

/** What the operator blocks with a reason, or unblocks, on this page: the account itself or one of its widgets (PUT `${path}/block`). */
interface Blockable {
  path: string;
  title: string;
  confirm: string;
  text: string;
  /** The toasts after a block and after an unblock. */
  done: [blocked: string, unblocked: string];
}

const accountBlock = (a: AdminAccountDetail): Blockable => ({
  path: `/admin/accounts/${a.id}`,
  title: t('admin.account.block'),
  confirm: t('admin.account.block'),
  text: t('admin.account.blockText'),
  done: [t('admin.account.blockedDone'), t('admin.account.unblocked')],
});

const widgetBlock = (w: { id: string; name: string }): Blockable => ({
  path: `/admin/widgets/${w.id}`,
  title: t('admin.widget.blockNamed', { name: w.name }),
  confirm: t('admin.widget.block'),
  text: t('admin.widget.blockText'),
  done: [t('admin.widget.blocked'), t('admin.widget.unblocked')],
});

type Action = { kind: 'tariff' } | { kind: 'extend' } | { kind: 'block'; what: Blockable };

const back = () => ({ href: '/admin/accounts', label: t('admin.accounts.title') });

export default function AccountPage({ params }: PageProps) {
  const id = params.id!;
  const account = useApi((signal) => get<AdminAccountDetail>(`/admin/accounts/${id}`, undefined, { signal }), [id]);
  return (
    <Loaded
      state={account}
      // Only the error gets a page of its own: while loading there is no heading yet, so the one
      // that takes the focus is the account's own.
      frame={(body, waiting) =>
        waiting === 'error' ? (
          <AdminPage title={t('admin.account.title')} back={back()}>
            {body}
          </AdminPage>
        ) : (
          body
        )
      }
    >
      {(a) => <Account a={a} reload={account.reload} />}
    </Loaded>
  );
}

function Account({ a, reload }: { a: AdminAccountDetail; reload: () => Promise<void> }) {
  const [action, setAction] = useState<Action | null>(null);
  const [days, setDays] = useState('7');

  const done = async (message: string) => {
    setAction(null);
    toast(message);
    await reload();
  };
  const setBlocked = async (what: Blockable, blocked: boolean, reason?: string) => {
    await api('PUT', `${what.path}/block`, { blocked, reason });
    await done(what.done[blocked ? 0 : 1]);
  };
  const paid = a.subscription && a.subscription.status === 'active' ? a.subscription : null;

  return (
    <AdminPage title={a.email} lead={t('admin.account.lead', { id: a.id })} back={back()}>
      {a.blocked && (
        <Notice tone="danger" icon="alert">
          {t('admin.account.blockedSince', { at: formatDateTime(a.blocked.at), reason: a.blocked.reason ?? '' })}
        </Notice>
      )}
      <Card id="acc-tariff" title={t('admin.account.tariffSection')}>
        <dl class="detail-list">
          <Detail label={t('admin.col.tariff')}>
            {tariffName(a.tariffId)}
            {a.tariffId === 'individual' && a.individualPriceKopecks !== null && ` · ${formatKopecks(a.individualPriceKopecks)}`}
          </Detail>
          <Detail label={t('admin.account.period')}>
            {formatDate(a.period.start)} — {formatDate(a.period.end)}
          </Detail>
          <Detail label={t('admin.account.paid')}>
            {paid ? t('admin.account.paidUntil', { end: formatDateTime(paid.periodEnd), autopay: paid.autopay ? t('admin.account.autopayOn') : '' }) : t('admin.account.notPaid')}
          </Detail>
          <Detail label={t('admin.account.activeWidgets')}>
            {a.widgets.filter((w) => w.active).length} / {a.limits.activeWidgets ?? '∞'}
          </Detail>
          <Detail label={t('admin.col.created')}>{formatDate(a.createdAt)}</Detail>
          <Detail label={t('admin.col.lastLogin')}>{a.lastLoginAt ? formatDateTime(a.lastLoginAt) : '—'}</Detail>
          <Detail label={t('admin.account.badgeVisits')}>{formatNumber(a.usage.badgeVisits)}</Detail>
        </dl>
        <UsageBar label={t('admin.account.impressions')} used={a.usage.impressions} limit={a.limits.impressionsPerPeriod} kind="consumable" />
        <div class="form-actions admin-actions">
          <button type="button" class="btn" onClick={() => setAction({ kind: 'tariff' })}>
            {t('admin.tariff.title')}
          </button>
          <button type="button" class="btn" disabled={!paid} onClick={() => setAction({ kind: 'extend' })}>
            {t('admin.extend.title')}
          </button>
          {a.blocked ? (
            <button type="button" class="btn" onClick={() => void setBlocked(accountBlock(a), false)}>
              {t('admin.account.unblock')}
            </button>
          ) : (
            <button type="button" class="btn btn-danger-outline" onClick={() => setAction({ kind: 'block', what: accountBlock(a) })}>
              {t('admin.account.block')}
            </button>
          )}
        </div>
        {!paid && <p class="hint">{t('admin.extend.needsPaid')}</p>}
      </Card>

      <Section id="acc-sites" title={t('admin.account.sites')} empty={a.sites.length === 0 && t('admin.account.noSites')}>
        <ul class="plain-list">
          {a.sites.map((s) => (
            <li key={s.id}>
              <strong>{s.name}</strong> <span class="muted">{s.domains.join(', ')}</span>
            </li>
          ))}
        </ul>
      </Section>

      <Section id="acc-widgets" title={t('admin.account.widgets')} empty={a.widgets.length === 0 && t('admin.account.noWidgets')}>
        <DataTable
          rows={a.widgets}
          label={t('admin.account.widgets')}
          actions={(w) => (
            <BlockToggle
              blocked={Boolean(w.blockedAt)}
              blockName={t('admin.widget.blockNamed', { name: w.name })}
              unblockName={t('admin.widget.unblockNamed', { name: w.name })}
              onBlock={() => setAction({ kind: 'block', what: widgetBlock(w) })}
              onUnblock={() => void setBlocked(widgetBlock(w), false)}
            />
          )}
          columns={[
            {
              label: t('admin.col.widget'),
              cell: (w) => (
                <WithNote note={w.id} mono>
                  {w.name}
                </WithNote>
              ),
            },
            { label: t('admin.col.type'), cell: (w) => widgetTypeName(w.type as WidgetType) },
            {
              label: t('admin.col.state'),
              cell: (w) => (
                <WithNote note={w.blockedAt && w.blockReason}>
                  {w.blockedAt ? <Pill tone="danger">{t('admin.blocked')}</Pill> : w.active ? <Pill tone="ok">{t('admin.widget.on')}</Pill> : <Pill tone="muted">{t('admin.widget.off')}</Pill>}
                </WithNote>
              ),
            },
          ]}
        />
      </Section>

      <AccountRealtime accountId={a.id} />

      <AccountLeads accountId={a.id} />

      {action?.kind === 'tariff' && <TariffDialog account={a} onClose={() => setAction(null)} onDone={() => void done(t('admin.tariff.done'))} />}
      {action?.kind === 'extend' && (
        <ReasonDialog
          title={t('admin.extend.title')}
          confirm={t('admin.extend.apply')}
          onClose={() => setAction(null)}
          onSubmit={async (reason) => {
            await api('POST', `/admin/billing/accounts/${a.id}/extend`, { days: Number(days), reason });
            await done(t('admin.extend.done'));
          }}
        >
          <TextField label={t('admin.extend.days')} type="number" min={1} max={366} value={days} onValue={setDays} />
        </ReasonDialog>
      )}
      {action?.kind === 'block' && (
        <ReasonDialog title={action.what.title} confirm={action.what.confirm} danger onClose={() => setAction(null)} onSubmit={(reason) => setBlocked(action.what, true, reason)}>
          <p>{action.what.text}</p>
        </ReasonDialog>
      )}
    </AdminPage>
  );
}
