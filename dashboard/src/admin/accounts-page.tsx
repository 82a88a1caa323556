// Accounts for the operator: search by e-mail, the newest first.
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { formatDate, t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { setQuery, useLocation } from '../router/router.js';
import { Empty, Pill } from '../ui/bits.js';
import { DataTable } from '../ui/data-table.js';
import { Icon } from '../ui/icons.js';
import { Loaded } from '../ui/loaded.js';
import { useApi } from '../ui/use-api.js';
import { WithNote } from './admin-cells.js';
import { AdminPage } from './admin-frame.js';
import type { AdminAccount } from './admin-types.js';

export default function AccountsPage() {
  const loc = useLocation();
  const email = loc.query.get('email') ?? '';
  const [typed, setTyped] = useState(email);
  const accounts = useApi((signal) => get<{ accounts: AdminAccount[] }>('/admin/accounts', { email }, { signal }), [email]);
  return (
    <AdminPage title={t('admin.accounts.title')}>
      <form
        class="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ email: typed.trim() });
        }}
      >
        <label class="inline-field">
          {t('admin.accounts.search')}
          <input class="input" type="search" value={typed} maxLength={254} onInput={(e) => setTyped(e.currentTarget.value)} />
        </label>
        <button type="submit" class="btn">
          <Icon name="search" /> {t('admin.accounts.find')}
        </button>
      </form>
      <Loaded state={accounts} isEmpty={(d) => d.accounts.length === 0} empty={<Empty icon="search" title={t('admin.accounts.none')} />}>
        {(data) => (
          <DataTable
            rows={data.accounts}
            label={t('admin.accounts.title')}
            columns={[
              {
                label: t('admin.col.email'),
                cell: (a) => (
                  <WithNote note={a.role === 'operator' && t('admin.accounts.operator')}>
                    <Link href={`/admin/accounts/${a.id}`} class="strong-link break">
                      {a.email}
                    </Link>
                  </WithNote>
                ),
              },
              { label: t('admin.col.tariff'), cell: (a) => a.tariffId },
              { label: t('admin.col.created'), cell: (a) => formatDate(a.createdAt) },
              { label: t('admin.col.lastLogin'), cell: (a) => (a.lastLoginAt ? formatDate(a.lastLoginAt) : '—') },
              { label: t('admin.col.state'), cell: (a) => (a.blocked ? <Pill tone="danger">{t('admin.blocked')}</Pill> : <Pill tone="ok">{t('admin.active')}</Pill>) },
            ]}
          />
        )}
      </Loaded>
    </AdminPage>
  );
}
