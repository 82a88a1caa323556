// Time-zone choices: Russia's zones first (most licensees), then every zone the browser knows.
import type { Option } from '../ui/fields.js';
import { t } from '../i18n/i18n.js';

const RUSSIA = [
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Novosibirsk',
  'Asia/Krasnoyarsk',
  'Asia/Irkutsk',
  'Asia/Yakutsk',
  'Asia/Vladivostok',
  'Asia/Magadan',
  'Asia/Kamchatka',
];

const offset = (tz: string) => {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'shortOffset' }).formatToParts(Date.now()).find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch {
    return '';
  }
};

export function timeZoneOptions(current: string): Option[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const rest = all.filter((z) => !RUSSIA.includes(z));
  const list = [...RUSSIA, ...rest];
  if (!list.includes(current)) list.unshift(current);
  const label = (z: string) => `${z.replace(/_/g, ' ')} (${offset(z).replace('GMT', 'UTC')})${RUSSIA.includes(z) ? ` — ${t('sites.russia')}` : ''}`;
  return list.map((z) => ({ value: z, label: label(z) }));
}
