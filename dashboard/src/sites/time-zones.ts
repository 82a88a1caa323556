// Time-zone choices: Russia's zones first (most licensees), Moscow at the top, then every zone
// the browser knows — by its current IANA name. Chromium and Node still list the names CLDR kept
// after IANA renamed the zones (Europe/Kiev for Europe/Kyiv, Asia/Calcutta for Asia/Kolkata);
// the TC39 time-zone canonicalization proposal asks engines for the IANA names, which is what
// this list shows whatever the engine does.
import type { Option } from '../ui/fields.js';
import { t } from '../i18n/i18n.js';

/** Russia's zones (RU in IANA's zone1970.tab; Simferopol, listed for two countries, stays with the rest): Moscow first, then west to east. */
const RUSSIA = [
  'Europe/Moscow',
  'Europe/Kaliningrad',
  'Europe/Kirov',
  'Europe/Volgograd',
  'Europe/Astrakhan',
  'Europe/Samara',
  'Europe/Saratov',
  'Europe/Ulyanovsk',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Barnaul',
  'Asia/Krasnoyarsk',
  'Asia/Novokuznetsk',
  'Asia/Novosibirsk',
  'Asia/Tomsk',
  'Asia/Irkutsk',
  'Asia/Chita',
  'Asia/Khandyga',
  'Asia/Yakutsk',
  'Asia/Ust-Nera',
  'Asia/Vladivostok',
  'Asia/Magadan',
  'Asia/Sakhalin',
  'Asia/Srednekolymsk',
  'Asia/Anadyr',
  'Asia/Kamchatka',
];

/** The names engines list (CLDR's) that IANA has renamed, and the IANA name now. */
export const RENAMED_ZONES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

export const currentZoneName = (zone: string): string => RENAMED_ZONES[zone] ?? zone;

const offset = (tz: string) => {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'shortOffset' }).formatToParts(Date.now()).find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch {
    return '';
  }
};

/** Every zone by its current name, once, Russia's first. `known` is what the engine lists. */
export function zoneList(known: readonly string[]): string[] {
  const rest = [...new Set(known.map(currentZoneName))].filter((z) => !RUSSIA.includes(z));
  return [...RUSSIA, ...rest];
}

/**
 * The options of the site's time-zone select. A site saved under an old name keeps its value
 * (saving the form changes nothing it was not asked to), shown by the zone's current name.
 */
export function timeZoneOptions(current: string, known: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []): Option[] {
  const list = zoneList(known);
  const shownAs = currentZoneName(current);
  // A zone this engine does not list (a newer one) is still the site's: offered after Russia's.
  if (!list.includes(shownAs)) list.splice(RUSSIA.length, 0, shownAs);
  const label = (z: string) => `${z.replace(/_/g, ' ')} (${offset(z).replace('GMT', 'UTC')})${RUSSIA.includes(z) ? ` — ${t('sites.russia')}` : ''}`;
  return list.map((z) => ({ value: z === shownAs ? current : z, label: label(z) }));
}
