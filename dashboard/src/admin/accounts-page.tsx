// Accounts for the operator: search by e-mail, the newest first.
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { formatDate, t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { setQuery, useLocation } from '../router/router.js';
import { Empty, ErrorBox, Pill } from '../ui/bits.js';
import { Icon } from '../ui/icons.js';
import { useApi } from '../ui/use-api.js';
import { AdminPage } from './admin-frame.js';
import type { AdminAccount } from './admin-types.js';

export default function AccountsPage() {
  const loc = useLocation();
  const email = loc.query.get('email') ?? '';
  const [typed, setTyped] = useState(email);
  const { data, error, reload } = useApi((signal) => get<{ accounts: AdminAccount[] }>('/admin/accounts', { email }, { signal }), [email]);
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
      {error ? (
        <ErrorBox error={error} retry={reload} />
      ) : !data ? (
        <div class="page-loading" aria-busy="true" />
      ) : data.accounts.length === 0 ? (
        <Empty icon="search" title={t('admin.accounts.none')} />
      ) : (
        <div class="table-wrap">
          <table class="table responsive">
            <thead>
              <tr>
                <th scope="col">{t('admin.col.email')}</th>
                <th scope="col">{t('admin.col.tariff')}</th>
                <th scope="col">{t('admin.col.created')}</th>
                <th scope="col">{t('admin.col.lastLogin')}</th>
                <th scope="col">{t('admin.col.state')}</th>
              </tr>
            </thead>
            <tbody>
              {data.accounts.map((a) => (
                <tr key={a.id}>
                  <td data-label={t('admin.col.email')}>
                    <div>
                      <Link href={`/admin/accounts/${a.id}`} class="strong-link break">
                        {a.email}
                      </Link>
                      {a.role === 'operator' && <span class="sub">{t('admin.accounts.operator')}</span>}
                    </div>
                  </td>
                  <td data-label={t('admin.col.tariff')}>{a.tariffId}</td>
                  <td data-label={t('admin.col.created')}>{formatDate(a.createdAt)}</td>
                  <td data-label={t('admin.col.lastLogin')}>{a.lastLoginAt ? formatDate(a.lastLoginAt) : '—'}</td>
                  <td data-label={t('admin.col.state')}>{a.blocked ? <Pill tone="danger">{t('admin.blocked')}</Pill> : <Pill tone="ok">{t('admin.active')}</Pill>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminPage>
  );
}
