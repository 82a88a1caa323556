// YooKassa's cancellation_details.reason in words a licensee understands, in either language.
import type { Lang } from '#contracts/core/lang.js';

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

/** The same in English, for accounts whose mails are in English. */
const REASONS_EN: Record<string, string> = {
  '3d_secure_failed': 'The 3-D Secure check failed. Try again or use another card.',
  call_issuer: 'The bank declined the payment. Call the bank that issued the card.',
  canceled_by_merchant: 'The payment was cancelled.',
  card_expired: 'The card has expired. Use another card.',
  country_forbidden: 'Cards from this country cannot be used.',
  deal_expired: 'The deal has expired.',
  expired_on_capture: 'The payment was not confirmed in time.',
  expired_on_confirmation: 'The payment was not completed in time. Start again.',
  fraud_suspected: 'The payment was blocked as suspected fraud.',
  general_decline: 'The bank declined the payment without a reason. Try another card.',
  identification_required: 'The limit of an unidentified wallet is exceeded.',
  insufficient_funds: 'Not enough money on the card.',
  internal_timeout: 'A technical failure at the payment system. Try again.',
  invalid_card_number: 'Wrong card number.',
  invalid_csc: 'Wrong CVV2 (CVC2) code.',
  issuer_unavailable: 'The card’s bank is unavailable. Try later.',
  payment_method_limit_exceeded: 'The card’s payment limit is exceeded.',
  payment_method_restricted: 'Operations with this card are forbidden.',
  permission_revoked: 'You revoked the permission for automatic payments. Autopay is off.',
  unsupported_mobile_operator: 'Payments from this phone number are not available.',
};

const OTHER = { ru: 'Платёж не прошёл. Попробуйте ещё раз или выберите другой способ оплаты.', en: 'The payment did not go through. Try again or choose another way to pay.' } as const;

export const cancellationText = (reason: string | null | undefined, lang: Lang = 'ru'): string | null => (reason ? ((lang === 'en' ? REASONS_EN : REASONS)[reason] ?? OTHER[lang]) : null);
