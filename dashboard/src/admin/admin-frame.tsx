// The frame of every operator page: a refusal for anyone else (the server refuses them too),
// and the tabs between the admin sections.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t, type Key } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { useLocation } from '../router/router.js';
import { useSession } from '../session.js';
import { Empty } from '../ui/bits.js';
import { Page, type PageProps } from '../ui/page.js';
import './admin.css';

const SECTIONS: { href: string; label: Key }[] = [
  { href: '/admin', label: 'admin.nav.overview' },
  { href: '/admin/accounts', label: 'admin.nav.accounts' },
  { href: '/admin/prices', label: 'admin.nav.prices' },
  { href: '/admin/payments', label: 'admin.nav.pending' },
  { href: '/admin/invoices', label: 'admin.nav.invoices' },
  { href: '/admin/abuse', label: 'admin.nav.abuse' },
  { href: '/admin/requests', label: 'admin.nav.requests' },
  { href: '/admin/notices', label: 'admin.nav.notices' },
];

const current = (href: string, path: string) => (href === '/admin' ? path === href : path === href || path.startsWith(`${href}/`));

export function AdminPage(props: PageProps & { children: ComponentChildren }) {
  const { me } = useSession();
  const loc = useLocation();
  const tabs = useRef<HTMLElement>(null);
  // On a phone the tabs scroll sideways: bring the current one into view.
  useEffect(() => tabs.current?.querySelector('[aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' }), [loc.path]);
  if (me.role !== 'operator') {
    return (
      <Page title={t('admin.title')}>
        <Empty icon="alert" title={t('admin.forbidden')} />
      </Page>
    );
  }
  return (
    <Page {...props}>
      <nav class="admin-tabs" ref={tabs} aria-label={t('admin.nav.label')}>
        {SECTIONS.map((s) => (
          <Link key={s.href} href={s.href} class="admin-tab" aria-current={current(s.href, loc.path) ? 'page' : undefined}>
            {t(s.label)}
          </Link>
        ))}
      </nav>
      {props.children}
    </Page>
  );
}
