// How a lead reads in one line: the contact fields first (name, phone, e-mail), then others.
// Values are shown as text by every caller (never as HTML): they are the visitor's input.
import { formatPhone } from '#contracts/core/phone-format.js';
import type { Lead } from '../api-types.js';

const CONTACT_KEYS = ['name', 'phone', 'email'];

export function leadSummary(lead: Pick<Lead, 'fields'>, max = 3): string {
  const entries = Object.entries(lead.fields).filter(([, v]) => typeof v === 'string' && v !== '');
  entries.sort(([a], [b]) => rank(a) - rank(b));
  return entries
    .slice(0, max)
    .map(([, v]) => formatPhone(v as string))
    .join(' · ');
}

const rank = (key: string) => {
  const i = CONTACT_KEYS.indexOf(key);
  return i === -1 ? CONTACT_KEYS.length : i;
};
