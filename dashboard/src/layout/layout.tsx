// The frame around every signed-in page: a skip link, the side navigation (a drawer on
// phones), the top bar with language, notifications and the account menu.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { t, tn } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { useLocation } from '../router/router.js';
import { inTeamAccount, useSession } from '../session.js';
import { Icon } from '../ui/icons.js';
import { brandName } from '../ui/brand.js';
import { LangSwitch } from './lang-switch.js';
import { NotificationBell } from './notification-bell.js';
import { NoticeBanners } from './notice-banners.js';
import { navFor } from './nav-items.js';
import { NewLeadsCount } from '../leads/new-leads-count.js';
import { ChatsUnreadCount } from '../chats/chats-unread-count.js';
import { tariffName } from '../tariff/tariff-names.js';
import './layout.css';

const isCurrent = (href: string, path: string) => (href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`));

export function Layout({ children, onSignedOut }: { children: ComponentChildren; onSignedOut: () => void }) {
  const { me } = useSession();
  const loc = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);

  // A navigation closes the phone drawer.
  useEffect(() => setMenuOpen(false), [loc.path]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setMenuOpen(false);
        menuButton.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  const signOut = async (everywhere: boolean) => {
    try {
      await api('POST', everywhere ? '/auth/logout-all' : '/auth/logout');
    } finally {
      onSignedOut();
    }
  };

  return (
    <div class={menuOpen ? 'shell menu-open' : 'shell'}>
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header class="topbar">
        <button
          type="button"
          class="btn-icon menu-button"
          ref={menuButton}
          aria-expanded={menuOpen}
          aria-controls="sidebar"
          aria-label={menuOpen ? t('nav.closeMenu') : t('nav.openMenu')}
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <Icon name={menuOpen ? 'close' : 'menu'} />
        </button>
        <Link href="/" class="brand brand-top">
          <span class="brand-mark" aria-hidden="true" />
          {brandName()}
        </Link>
        <div class="topbar-tools">
          <LangSwitch signedIn />
          <NotificationBell />
          <details class="account">
            <summary aria-label={t('nav.account', { email: me.person })}>
              <span class="avatar" aria-hidden="true">
                {me.person[0]!.toUpperCase()}
              </span>
              <span class="account-email">{me.person}</span>
            </summary>
            <div class="account-menu">
              <p class="account-line">
                <strong>{me.person}</strong>
                {inTeamAccount(me) && <span>{t('nav.teamOf', { owner: me.email })}</span>}
                <span>{t('nav.tariffLine', { name: tariffName(me.tariff.id, me.tariff.name) })}</span>
              </p>
              <Link href="/account" class="menu-item">
                <Icon name="edit" /> {t('nav.settings')}
              </Link>
              <Link href="/team" class="menu-item">
                <Icon name="globe" /> {t('nav.team')}
              </Link>
              <button type="button" class="menu-item" onClick={() => signOut(false)}>
                <Icon name="logout" /> {t('nav.signOut')}
              </button>
              <button type="button" class="menu-item" onClick={() => signOut(true)}>
                <Icon name="logout" /> {t('nav.signOutAll')}
              </button>
            </div>
          </details>
        </div>
      </header>
      <nav class="sidebar" id="sidebar" aria-label={t('nav.label')}>
        <Link href="/" class="brand brand-side">
          <span class="brand-mark" aria-hidden="true" />
          {brandName()}
        </Link>
        <ul>
          {navFor(me.tariff.id).map((item) => (
            <li key={item.href}>
              <Link href={item.href} class="nav-link" aria-current={isCurrent(item.href, loc.path) ? 'page' : undefined}>
                <Icon name={item.icon} /> {t(item.label)}
                {item.href === '/leads' && <NewLeadsCount />}
                {item.href === '/chats' && <ChatsUnreadCount />}
              </Link>
            </li>
          ))}
          {me.role === 'operator' && (
            <li>
              <Link href="/admin" class="nav-link" aria-current={isCurrent('/admin', loc.path) ? 'page' : undefined}>
                <Icon name="eye" /> {t('nav.admin')}
              </Link>
            </li>
          )}
        </ul>
        <div class="sidebar-foot">
          {/* On a phone the top bar has no room for the language switch: it lives here. */}
          <div class="sidebar-lang">
            <LangSwitch signedIn />
          </div>
          <Link href="/tariff" class="tariff-chip">
            <span>{t('nav.tariffLabel')}</span>
            <strong>{tariffName(me.tariff.id, me.tariff.name)}</strong>
            {me.tariff.limits.activeWidgets !== null && <span>{tn('nav.widgetsAllowed', me.tariff.limits.activeWidgets)}</span>}
          </Link>
        </div>
      </nav>
      <div class="scrim" onClick={() => setMenuOpen(false)} aria-hidden="true" />
      <main id="main" class="content" tabIndex={-1}>
        {me.blocked && (
          <div class="notice notice-danger" role="alert">
            <Icon name="alert" />
            <p>{t('app.blocked', { reason: me.blocked.reason ?? '' })}</p>
          </div>
        )}
        <NoticeBanners />
        {children}
      </main>
    </div>
  );
}
