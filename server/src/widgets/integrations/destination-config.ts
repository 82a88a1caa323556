// What each destination keeps sealed in integrations.config, and what may be shown of it.
import type { Integration } from '#contracts/core/tariffs.js';

export interface EmailConfig {
  emails: string[];
}
export interface TelegramConfig {
  /** Absent until the licensee opens the deep link and the bot receives /start <token>. */
  chatId?: number | string;
  chatTitle?: string;
}
export interface WebhookConfig {
  url: string;
  /** whsec_<base64>: the Standard Webhooks signing secret. */
  secret: string;
}
export interface AmoCrmConfig {
  baseUrl: string;
  token: string;
  pipelineId?: number;
}
export interface Bitrix24Config {
  /** Ends with "/": methods are appended (crm.lead.add.json). */
  webhookUrl: string;
}

export type DestinationConfig = EmailConfig | TelegramConfig | WebhookConfig | AmoCrmConfig | Bitrix24Config;

const hostOf = (u: string) => {
  try {
    return new URL(u).hostname;
  } catch {
    return '';
  }
};

/** Host names leads are sent to (for the cross-border flag). */
export function destinationHosts(kind: Integration, config: DestinationConfig | null): string[] {
  if (!config) return [];
  if (kind === 'email') return (config as EmailConfig).emails.map((e) => e.split('@').pop() ?? '');
  if (kind === 'amocrm') return [hostOf((config as AmoCrmConfig).baseUrl)];
  if (kind === 'bitrix24') return [hostOf((config as Bitrix24Config).webhookUrl)];
  if (kind === 'telegram') return ['api.telegram.org'];
  return [hostOf((config as WebhookConfig).url)];
}

/** A display label without secrets: webhook paths and Bitrix24 codes are credentials, so only hosts. */
export function destinationLabel(kind: Integration, config: DestinationConfig | null): string {
  if (!config) return '';
  if (kind === 'email') return (config as EmailConfig).emails.join(', ');
  if (kind === 'telegram') {
    const c = config as TelegramConfig;
    return c.chatId === undefined ? 'не подключён' : (c.chatTitle ?? 'чат Telegram');
  }
  return destinationHosts(kind, config)[0] ?? '';
}
