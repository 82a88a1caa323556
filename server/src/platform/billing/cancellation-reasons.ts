// YooKassa's cancellation_details.reason in words a licensee understands.
const REASONS: Record<string, string> = {
  '3d_secure_failed': 'Не пройдена проверка 3-D Secure. Попробуйте ещё раз или используйте другую карту.',
  call_issuer: 'Банк отклонил платёж. Позвоните в банк, выпустивший карту.',
  canceled_by_merchant: 'Платёж отменён.',
  card_expired: 'Срок действия карты истёк. Используйте другую карту.',
  country_forbidden: 'Оплата картой этой страны недоступна.',
  deal_expired: 'Срок сделки истёк.',
  expired_on_capture: 'Платёж не был подтверждён вовремя.',
  expired_on_confirmation: 'Оплата не была завершена вовремя. Начните оплату заново.',
  fraud_suspected: 'Платёж заблокирован из-за подозрения в мошенничестве.',
  general_decline: 'Банк отклонил платёж без объяснения причины. Попробуйте другую карту.',
  identification_required: 'Превышен лимит для неидентифицированного кошелька.',
  insufficient_funds: 'Недостаточно средств на карте.',
  internal_timeout: 'Технический сбой у платёжной системы. Попробуйте ещё раз.',
  invalid_card_number: 'Неверный номер карты.',
  invalid_csc: 'Неверный код CVV2 (CVC2).',
  issuer_unavailable: 'Банк карты недоступен. Попробуйте позже.',
  payment_method_limit_exceeded: 'Превышен лимит платежей для этой карты.',
  payment_method_restricted: 'Операции с этой картой запрещены.',
  permission_revoked: 'Вы отозвали разрешение на автоплатежи. Автоплатёж отключён.',
  unsupported_mobile_operator: 'Оплата с этого номера телефона недоступна.',
};

export const cancellationText = (reason: string | null | undefined): string | null => (reason ? (REASONS[reason] ?? 'Платёж не прошёл. Попробуйте ещё раз или выберите другой способ оплаты.') : null);
