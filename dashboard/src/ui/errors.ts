// What to tell a person when a request fails: the error code in their language, with the
// numbers and the way out (the tariff that allows more) from the error's details.
import { ApiRequestError } from '../api.js';
import { t, type Key } from '../i18n/i18n.js';

const BY_CODE: Partial<Record<string, Key>> = {
  code_invalid: 'err.code_invalid',
  code_expired: 'err.code_expired',
  code_attempts_exceeded: 'err.code_attempts_exceeded',
  rate_limited: 'err.rate_limited',
  consent_required: 'err.consent_required',
  limit_widgets: 'err.limit_widgets',
  limit_sites: 'err.limit_sites',
  type_not_in_tariff: 'err.type_not_in_tariff',
  widget_not_ready: 'err.widget_not_ready',
  csrf_failed: 'err.csrf_failed',
  unauthorized: 'err.unauthorized',
  not_found: 'err.not_found',
  forbidden: 'err.forbidden',
  payload_too_large: 'err.payload_too_large',
};

export interface Refusal {
  code: string;
  /** The tariff that lifts the limit, when the server named one. */
  upgradeTo: string | null;
  /** The limit that was hit (null for a type the tariff lacks). */
  limit: number | null;
}

/** Tariff refusals carry details.upgradeTo: the cheapest tariff where the action is allowed. */
export function refusalOf(err: unknown): Refusal | null {
  if (!(err instanceof ApiRequestError)) return null;
  if (!['limit_widgets', 'limit_sites', 'type_not_in_tariff', 'integration_not_in_tariff'].includes(err.code)) return null;
  const details = err.body.details as { upgradeTo?: string | null; limit?: number | null } | undefined;
  return { code: err.code, upgradeTo: details?.upgradeTo ?? null, limit: details?.limit ?? null };
}

export function errorText(err: unknown): string {
  if (!(err instanceof ApiRequestError)) return t('err.unknown');
  if (err.status === 0) return t('err.network');
  const details = (err.body.details ?? {}) as { limit?: number | null; attemptsLeft?: number };
  if (err.code === 'code_invalid' && details.attemptsLeft !== undefined) return t('err.code_invalid_left', { n: details.attemptsLeft });
  const key = BY_CODE[err.code];
  if (key) return t(key, { limit: details.limit ?? '' });
  if (err.code === 'validation_failed') return t('err.validation_failed');
  return err.status >= 500 ? t('err.server') : err.message;
}
