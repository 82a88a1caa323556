// Channels of the messengers widget: what the licensee types (a username, a phone, a link) and
// the one link the visitor's tap opens. The server builds the links; the runtime only draws them.
import { normalizePhone } from './validation.js';

export const CHANNEL_KINDS = ['telegram', 'whatsapp', 'vk', 'max', 'phone'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** Default button labels, shown when the licensee leaves the label empty. */
export const CHANNEL_LABELS: Record<ChannelKind, string> = {
  telegram: 'Telegram',
  whatsapp: 'WhatsApp',
  vk: 'ВКонтакте',
  max: 'Max',
  phone: 'Позвонить',
};

const PHONE = /^\+?\d{10,15}$/;

/** "@name", "name" or "https://t.me/name" → "name"; null when it is none of those. */
function handle(value: string, hosts: RegExp, name: RegExp): string | null {
  const v = value.trim().replace(hosts, '').replace(/^@/, '').replace(/\/$/, '');
  return name.test(v) ? v : null;
}

/**
 * The link for a channel, or null when the value is not valid for its kind. Every link is
 * https: or tel: — the runtime refuses anything else.
 */
export function channelHref(kind: ChannelKind, value: string): string | null {
  switch (kind) {
    case 'telegram': {
      // Telegram usernames: 5–32 latin letters, digits and underscores.
      const u = handle(value, /^(https?:\/\/)?(www\.)?(t\.me|telegram\.me)\//i, /^[A-Za-z0-9_]{5,32}$/);
      return u && `https://t.me/${u}`;
    }
    case 'vk': {
      // A community or person: screen name (vk.com/shop, vk.me/shop) or numeric club/id.
      const u = handle(value, /^(https?:\/\/)?(www\.|m\.)?(vk\.com|vk\.me)\//i, /^[A-Za-z0-9_.]{2,64}$/);
      return u && `https://vk.me/${u}`;
    }
    case 'max': {
      // Max (max.ru) profile and chat links have no stable short form: take the link itself.
      const v = value.trim();
      return /^https:\/\/max\.ru\/[A-Za-z0-9_./?=-]{1,200}$/.test(v) ? v : null;
    }
    case 'whatsapp':
    case 'phone': {
      const p = normalizePhone(value.trim());
      if (!PHONE.test(p)) return null;
      const digits = p.replace('+', '');
      // A Russian number written the domestic way, without "+" (8 900 …), is +7 900 ….
      const intl = p[0] !== '+' && digits.length === 11 && digits[0] === '8' ? `7${digits.slice(1)}` : digits;
      return kind === 'phone' ? `tel:+${intl}` : `https://wa.me/${intl}`;
    }
  }
}
