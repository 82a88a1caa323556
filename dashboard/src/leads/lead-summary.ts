// How a lead reads in one line: the contact fields first (name, phone, e-mail), then others.
// Values are shown as text by every caller (never as HTML): they are the visitor's input.
import type { Lead } from '../api-types.js';

const CONTACT_KEYS = ['name', 'phone', 'email'];

/** "+79165551234" → "+7 916 555-12-34": how Russian numbers are read. Others stay as stored. */
export function formatPhone(v: string): string {
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(v);
  return m ? `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}` : v;
}

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
