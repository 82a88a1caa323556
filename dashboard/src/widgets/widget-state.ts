// A widget's state as the licensee reads it: active and shown, active but held back by the
// tariff or an operator's block, or off. When the server says why the tariff holds it back
// (notServed: widget count after a downgrade, a type the tariff lacks, the impression cap, a
// period that ended unpaid, a blocked account), the state names the reason and the way out.
import type { Widget } from '../api-types.js';
import { formatDate, localName, t } from '../i18n/i18n.js';
import type { Tone } from '../ui/bits.js';

export interface WidgetState {
  tone: Tone;
  label: string;
  hint?: string;
  /** Where the licensee lifts the hold (the tariff or the payment page). */
  wayOut?: { href: string; label: string };
}

type Hold = NonNullable<Widget['notServed']>;

function held(h: Hold): WidgetState {
  const upgrade = h.upgradeTo ? localName(h.upgradeTo.name) : null;
  const toTariff = { href: '/tariff', label: upgrade ? t('widgets.holdUpgrade', { tariff: upgrade }) : t('widgets.holdTariff') };
  switch (h.reason) {
    case 'limit_widgets':
      return { tone: 'warn', label: t('widgets.statusHeld'), hint: t('widgets.holdLimit'), wayOut: toTariff };
    case 'type_not_in_tariff':
      return { tone: 'warn', label: t('widgets.statusHeld'), hint: t('widgets.holdType'), wayOut: toTariff };
    case 'impression_cap':
      return { tone: 'warn', label: t('widgets.statusHeld'), hint: t('widgets.holdCap', { date: h.resetsAt ? formatDate(h.resetsAt) : '—' }), wayOut: toTariff };
    case 'period_expired':
      return { tone: 'warn', label: t('widgets.statusHeld'), hint: t('widgets.holdExpired'), wayOut: { href: '/billing', label: t('widgets.holdPay') } };
    default:
      return { tone: 'danger', label: t('widgets.statusHeld'), hint: t('widgets.holdAccountBlocked') };
  }
}

export function widgetState(w: Pick<Widget, 'active' | 'served' | 'blocked'> & { notServed?: Widget['notServed'] }): WidgetState {
  if (w.blocked) return { tone: 'danger', label: t('widgets.statusBlocked'), hint: w.blocked.reason ?? '' };
  if (w.notServed) return held(w.notServed);
  if (w.active && w.served) return { tone: 'ok', label: t('widgets.statusActive') };
  if (w.active) return { tone: 'warn', label: t('widgets.statusHeld'), hint: t('widgets.statusHeldHint') };
  return { tone: 'muted', label: t('widgets.statusOff') };
}
