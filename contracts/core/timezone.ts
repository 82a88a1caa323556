// Wall-clock times in a site's time zone → instants. Licensees type "2026-12-31T23:59" meaning
// their own clock; the embed needs the instant (ms since the epoch). Pure (Intl only): the
// server's config and the dashboard's preview both use it.

/** Offset of `tz` from UTC at `instant`, in ms (Moscow: +3 h). */
function offsetAt(instant: number, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * "YYYY-MM-DDTHH:MM" in `tz` → ms since the epoch. A time that a DST change skips resolves to
 * the instant after the gap; an ambiguous one (clocks set back) to the first of the two.
 */
export function zonedTimeToInstant(local: string, tz: string): number {
  const [date, time] = local.split('T') as [string, string];
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // The instant is wall − offset, but the offset depends on the instant: try the offsets in
  // force around it (they differ only near a DST change) and keep those that read back as `wall`.
  const a = wall - offsetAt(wall, tz);
  const b = wall - offsetAt(a, tz);
  const valid = [a, b].filter((c) => c + offsetAt(c, tz) === wall);
  // Both valid: clocks set back, the time happened twice — the first. None: a skipped time —
  // the instant after the gap, as Temporal's "compatible" disambiguation does.
  return valid.length > 0 ? Math.min(...valid) : Math.max(a, b);
}

/**
 * An instant as a person in `tz` reads it, with the zone named: "06.12.2026, 21:35 (Europe/Moscow)".
 * Lead e-mails and messages show the site's clock, not the server's (or UTC).
 */
export function formatInZone(instant: number, tz: string, locale = 'ru-RU'): string {
  const when = formatterFor(
    `${locale} ${tz} minute`,
    () => new Intl.DateTimeFormat(locale, { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  ).format(instant);
  return `${when} (${tz})`;
}

/** The calendar day ("YYYY-MM-DD") that `instant` falls on in `tz`: statistics count by the site's days. */
export function dayInZone(instant: number, tz: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return formatterFor(`day ${tz}`, () => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' })).format(instant);
}

// Building an Intl.DateTimeFormat costs tens of microseconds (it loads the zone's and locale's
// data); the server calls these for every event batch, lead and statistics row, so each
// formatter is built once per zone and locale. Few zones are in use: the map stays small.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = make()));
  return formatter;
}

/** The zone statistics use where no site is chosen and the account has none: the product's home zone. */
export const DEFAULT_STATS_ZONE = 'Europe/Moscow';
