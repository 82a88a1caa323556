// How a usage bar reads, by SPEC §4's thresholds: warn only where something is limiting. A
// consumable (impressions) runs out and stops widgets, so 80 % warns and 100 % is an alarm. A
// capacity (widgets, sites) that is full is the normal state of a small tariff — one widget of
// one on the free tariff — and is said plainly, without a warning colour; only more than the
// tariff allows (after a downgrade) warns.
import type { Key } from '../i18n/i18n.js';

export type UsageKind = 'capacity' | 'consumable';
export interface UsageState {
  tone: 'ok' | 'warn' | 'danger';
  /** What to say under the bar, if anything. */
  note: Key | null;
}

export function usageState(used: number, limit: number | null, kind: UsageKind): UsageState {
  if (limit === null) return { tone: 'ok', note: null };
  if (kind === 'consumable') {
    if (used >= limit) return { tone: 'danger', note: 'usage.warn100' };
    if (used >= limit * 0.8) return { tone: 'warn', note: 'usage.warn80' };
    return { tone: 'ok', note: null };
  }
  if (used > limit) return { tone: 'warn', note: 'usage.over' };
  if (used === limit) return { tone: 'ok', note: 'usage.full' };
  return { tone: 'ok', note: null };
}
