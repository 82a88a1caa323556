// The one error shape every endpoint answers with, and the closed set of its codes. The
// dashboard translates every code (dashboard/src/ui/errors.ts), so a refusal the person must
// tell apart from another gets a code of its own rather than a different message.

export const ERROR_CODES = [
  'bad_request',
  'invalid_json',
  'validation_failed',
  'payload_too_large',
  'unsupported_media_type',
  'unauthorized',
  'forbidden',
  'role_forbidden',
  'invitation_other_email',
  'csrf_failed',
  'not_found',
  'conflict',
  'rate_limited',
  'code_invalid',
  'code_expired',
  'code_attempts_exceeded',
  'mail_unavailable',
  'consent_required',
  'origin_not_allowed',
  'spam_rejected',
  'limit_widgets',
  'limit_sites',
  'type_not_in_tariff',
  'widget_not_ready',
  'widget_example_values',
  'integration_not_in_tariff',
  'integration_unavailable',
  'integration_not_configured',
  'integration_not_linked',
  'integration_inactive',
  'destination_refused',
  'destination_unresolvable',
  'delivery_already_queued',
  'delivery_already_delivered',
  'payment_provider_error',
  'limit_service_requests',
  'promo_invalid',
  'promo_code_exists',
  'autopay_unavailable',
  'limit_realtime_projects',
  'limit_realtime_messages',
  'realtime_project_disabled',
  'realtime_unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  error: { code: ErrorCode; message: string; details?: unknown };
}
