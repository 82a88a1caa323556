// The side navigation's sections. Each has an icon of its own (Tariff and Billing once shared
// one), and a section the account's tariff does not include is left out rather than offered
// and refused: the service requests of the all-inclusive tariffs.
import type { Key } from '../i18n/i18n.js';
import { hasManagedService } from '../tariff/managed-service.js';
import type { IconName } from '../ui/icons.js';

export interface NavItem {
  href: string;
  label: Key;
  icon: IconName;
}

export const NAV: readonly NavItem[] = [
  { href: '/', label: 'nav.home', icon: 'home' },
  { href: '/sites', label: 'nav.sites', icon: 'globe' },
  { href: '/widgets', label: 'nav.widgets', icon: 'widgets' },
  { href: '/leads', label: 'nav.leads', icon: 'inbox' },
  { href: '/integrations', label: 'nav.integrations', icon: 'send' },
  { href: '/chats', label: 'nav.chats', icon: 'chat' },
  { href: '/stats', label: 'nav.stats', icon: 'chart' },
  { href: '/realtime', label: 'nav.realtime', icon: 'bolt' },
  { href: '/tariff', label: 'nav.tariff', icon: 'gauge' },
  { href: '/billing', label: 'nav.billing', icon: 'card' },
  { href: '/services', label: 'nav.services', icon: 'wrench' },
];

/** The sections shown to an account on this tariff (the page itself still explains itself if opened by its address). */
export const navFor = (tariffId: string): NavItem[] => NAV.filter((item) => item.href !== '/services' || hasManagedService(tariffId));
