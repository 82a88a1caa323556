// Money, statuses and YooKassa's cancellation reasons in the licensee's language.
import { locale, t, type Key } from '../i18n/i18n.js';
import type { Tone } from '../ui/bits.js';

/** Kopecks as roubles with kopecks: a pro-rated total is rarely a round number. */
export const formatKopecks = (kopecks: number) => new Intl.NumberFormat(locale(), { style: 'currency', currency: 'RUB', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(kopecks / 100);

const DAY_MS = 86_400_000;
/** Whole days left, rounded up: on the last afternoon there is still "1 day". */
export const daysLeft = (end: number, now = Date.now()) => Math.max(0, Math.ceil((end - now) / DAY_MS));

export type PaymentStatus = 'created' | 'pending' | 'waiting_for_capture' | 'succeeded' | 'canceled';
export const paymentStatusText = (s: string) => t(`pay.status.${s}` as Key) ?? s;
export const paymentTone = (s: string): Tone => (s === 'succeeded' ? 'ok' : s === 'canceled' ? 'danger' : 'info');

const KNOWN_REASONS = new Set([
  '3d_secure_failed',
  'call_issuer',
  'canceled_by_merchant',
  'card_expired',
  'country_forbidden',
  'expired_on_confirmation',
  'fraud_suspected',
  'general_decline',
  'insufficient_funds',
  'internal_timeout',
  'invalid_card_number',
  'invalid_csc',
  'issuer_unavailable',
  'payment_method_limit_exceeded',
  'payment_method_restricted',
  'permission_revoked',
]);
/** cancellation_details.reason in words (the server's Russian text covers reasons we have no key for). */
export function reasonText(reason: string, serverText: string | null): string {
  if (KNOWN_REASONS.has(reason)) return t(`pay.reason.${reason}` as Key);
  return serverText ?? t('pay.reason.other');
}
