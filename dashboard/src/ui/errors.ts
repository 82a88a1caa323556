// What to tell a person when a request fails: the error code in their language, with the
// numbers and the way out (the tariff that allows more) from the error's details. The server's
// own message is never shown: it is written for logs and API clients, often in Russian only.
import type { ErrorCode } from '#contracts/core/errors.js';
import { CHANNEL_KINDS, type ChannelKind } from '#contracts/core/messengers.js';
import { ApiRequestError } from '../api.js';
import { t, type Key } from '../i18n/i18n.js';
import { managedServiceTariffList } from '../tariff/managed-service.js';
import { knownTariffName } from '../tariff/tariff-names.js';

/** Every code has its text: a code added to contracts without one here does not compile. */
const BY_CODE: Record<ErrorCode, Key> = {
  bad_request: 'err.bad_request',
  invalid_json: 'err.invalid_json',
  validation_failed: 'err.validation_failed',
  payload_too_large: 'err.payload_too_large',
  unsupported_media_type: 'err.unsupported_media_type',
  unauthorized: 'err.unauthorized',
  forbidden: 'err.forbidden',
  role_forbidden: 'err.roleForbidden',
  invitation_other_email: 'err.invitationOtherEmail',
  csrf_failed: 'err.csrf_failed',
  not_found: 'err.not_found',
  conflict: 'err.conflict',
  rate_limited: 'err.rate_limited',
  code_invalid: 'err.code_invalid',
  code_expired: 'err.code_expired',
  code_attempts_exceeded: 'err.code_attempts_exceeded',
  mail_unavailable: 'err.mail_unavailable',
  consent_required: 'err.consent_required',
  origin_not_allowed: 'err.origin_not_allowed',
  spam_rejected: 'err.spam_rejected',
  limit_widgets: 'err.limit_widgets',
  limit_sites: 'err.limit_sites',
  type_not_in_tariff: 'err.type_not_in_tariff',
  widget_not_ready: 'err.widget_not_ready',
  widget_example_values: 'err.widget_example_values',
  integration_not_in_tariff: 'err.integration_not_in_tariff',
  integration_unavailable: 'err.integration_unavailable',
  integration_not_configured: 'err.integration_not_configured',
  integration_not_linked: 'err.integration_not_linked',
  integration_inactive: 'err.integration_inactive',
  destination_refused: 'err.destination_refused',
  destination_unresolvable: 'err.destination_unresolvable',
  delivery_already_queued: 'err.delivery_already_queued',
  delivery_already_delivered: 'err.delivery_already_delivered',
  payment_provider_error: 'err.payment_provider_error',
  limit_service_requests: 'err.limit_service_requests',
  promo_invalid: 'err.promo_invalid',
  promo_code_exists: 'err.promo_code_exists',
  autopay_unavailable: 'err.autopay_unavailable',
  limit_realtime_projects: 'err.limit_realtime_projects',
  limit_realtime_messages: 'err.limit_realtime_messages',
  realtime_project_disabled: 'err.realtime_project_disabled',
  realtime_unavailable: 'err.realtime_unavailable',
  internal: 'err.server',
};

const TARIFF_REFUSALS: readonly ErrorCode[] = ['limit_widgets', 'limit_sites', 'type_not_in_tariff', 'integration_not_in_tariff'];

export interface Refusal {
  code: ErrorCode;
  /** The tariff that lifts the limit, when the server named one. */
  upgradeTo: string | null;
  /** The limit that was hit (null for a type the tariff lacks). */
  limit: number | null;
}

/** What the server may put in details: tariff refusals, login codes, realtime projects. */
interface Details {
  limit?: number | null;
  upgradeTo?: string | null;
  attemptsLeft?: number;
  access?: 'pending_payment' | 'expired' | 'blocked';
  /** widget_example_values: the content paths still holding a template's example. */
  fields?: string[];
  /** widget_example_values: the kind of each messenger channel named in `fields`, by its index. */
  channelKinds?: Record<string, ChannelKind>;
  /** validation_failed: the fields the server refused (its messages are not shown: they are Russian only). */
  issues?: { path: string }[];
}

const detailsOf = (err: ApiRequestError) => (err.body.details ?? {}) as Details;

/** Tariff refusals carry details.upgradeTo: the cheapest tariff where the action is allowed. */
export function refusalOf(err: unknown): Refusal | null {
  if (!(err instanceof ApiRequestError) || !TARIFF_REFUSALS.includes(err.code)) return null;
  const details = detailsOf(err);
  return { code: err.code, upgradeTo: details.upgradeTo ?? null, limit: details.limit ?? null };
}

/** The text for a code, picking the variant its details call for. */
function keyFor(code: ErrorCode, details: Details): Key {
  if (code === 'code_invalid' && details.attemptsLeft !== undefined) return 'err.code_invalid_left';
  // A tariff without widget requests at all (limit 0) is told apart from a used-up week.
  if (code === 'limit_service_requests' && !details.limit) return 'err.limit_service_requests_none';
  if (code === 'realtime_project_disabled' && details.access === 'pending_payment') return 'err.realtime_project_pending';
  if (code === 'realtime_project_disabled' && details.access === 'expired') return 'err.realtime_project_expired';
  // An address the browser's type="email" lets through ("name@shop") but the server does not: say which field.
  if (code === 'validation_failed' && details.issues?.length && details.issues.every((i) => i.path === 'email')) return 'err.email_invalid';
  return BY_CODE[code];
}

export function errorText(err: unknown): string {
  if (!(err instanceof ApiRequestError)) return t('err.unknown');
  if (err.status === 0) return t('err.network');
  const details = detailsOf(err);
  // A code newer than this build: say what kind of failure it was, never the server's words.
  if (!(err.code in BY_CODE)) return err.status >= 500 ? t('err.server') : t('err.unknown');
  const text = t(keyFor(err.code, details), {
    limit: details.limit ?? '',
    n: details.attemptsLeft ?? '',
    tariffs: managedServiceTariffList(),
    fields: exampleFieldNames(details.fields ?? [], details.channelKinds),
  });
  const upgrade = knownTariffName(details.upgradeTo);
  return upgrade ? `${text} ${t('upgrade.hint', { tariff: upgrade })}` : text;
}

/** Words for the widget fields a refusal names by path: "Button link", "channel 2 (WhatsApp)". */
export function exampleFieldNames(paths: readonly string[], channelKinds: Details['channelKinds'] = {}): string {
  const named = paths.map((path) => {
    const channel = /^content\.channels\.(\d+)\./.exec(path);
    if (channel) {
      const n = Number(channel[1]) + 1;
      // The kind the server names (a server older than this build names none: the number alone).
      const kind = channelKinds[channel[1]!];
      return kind && CHANNEL_KINDS.includes(kind) ? t('examples.channelNamed', { n, name: t(`channelName.${kind}`) }) : t('examples.channel', { n });
    }
    const last = path.split('.').pop() ?? path;
    const key = FIELD_KEYS[last];
    return key ? t(key) : path;
  });
  return [...new Set(named)].join(', ');
}

const FIELD_KEYS: Record<string, Key> = {
  buttonUrl: 'editor.buttonUrl',
  imageUrl: 'editor.imageUrl',
  consentUrl: 'editor.consentUrl',
  privacyUrl: 'editor.privacyUrl',
};
