// A widget's state as the licensee reads it: active and shown, active but held back by the
// tariff or an operator's block, or off.
import type { Widget } from '../api-types.js';
import { t } from '../i18n/i18n.js';
import type { Tone } from '../ui/bits.js';

export function widgetState(w: Pick<Widget, 'active' | 'served' | 'blocked'>): { tone: Tone; label: string; hint?: string } {
  if (w.blocked) return { tone: 'danger', label: t('widgets.statusBlocked'), hint: w.blocked.reason ?? '' };
  if (w.active && w.served) return { tone: 'ok', label: t('widgets.statusActive') };
  if (w.active) return { tone: 'warn', label: t('widgets.statusHeld'), hint: t('widgets.statusHeldHint') };
  return { tone: 'muted', label: t('widgets.statusOff') };
}
