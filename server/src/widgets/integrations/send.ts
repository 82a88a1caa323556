// Which sender handles which kind. Calltouch, Roistat and 1C are webhook presets: the signed
// generic webhook, pointed at an endpoint the licensee gets from those services or their
// 1C developer — not those vendors' own APIs.
import { isWebhookKind } from '#contracts/schemas/integrations.js';
import type { Integration } from '#contracts/core/tariffs.js';
import { sendAmoCrm, sendBitrix24, sendEmail, sendTelegram, sendWebhook, type Outcome, type SendContext } from './destinations/index.js';
import type { AmoCrmConfig, Bitrix24Config, EmailConfig, TelegramConfig, WebhookConfig } from './destination-config.js';

export function sendTo(kind: Integration, ctx: SendContext): Promise<Outcome> {
  if (isWebhookKind(kind)) return sendWebhook(ctx as SendContext<WebhookConfig>);
  switch (kind) {
    case 'email':
      return sendEmail(ctx as SendContext<EmailConfig>);
    case 'telegram':
      return sendTelegram(ctx as SendContext<TelegramConfig>);
    case 'amocrm':
      return sendAmoCrm(ctx as SendContext<AmoCrmConfig>);
    case 'bitrix24':
      return sendBitrix24(ctx as SendContext<Bitrix24Config>);
  }
  throw new Error(`no sender for ${kind}`);
}
