// How destinations are called in mails and messages to the licensee.
import type { Integration } from '#contracts/core/tariffs.js';

export const KIND_NAMES: Record<Integration, string> = {
  email: 'E-mail',
  telegram: 'Telegram',
  webhook: 'Вебхук',
  amocrm: 'amoCRM',
  bitrix24: 'Битрикс24',
  calltouch: 'Calltouch (вебхук)',
  roistat: 'Roistat (вебхук)',
  '1c': '1С (вебхук)',
};

/** The same in English, for accounts whose mails are in English. */
export const KIND_NAMES_EN: Record<Integration, string> = {
  email: 'E-mail',
  telegram: 'Telegram',
  webhook: 'Webhook',
  amocrm: 'amoCRM',
  bitrix24: 'Bitrix24',
  calltouch: 'Calltouch (webhook)',
  roistat: 'Roistat (webhook)',
  '1c': '1C (webhook)',
};
