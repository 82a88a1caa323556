// The rows of one breakdown table (GET /api/stats/breakdowns): the server's top values, a row for
// the rest, each value's share of the dimension's impressions, and the server's placeholder
// values ("(unknown)", "(other)", "(direct)", "(internal)", device and visitor words) in words.
import { type Key, t } from '../i18n/i18n.js';
import { rate } from './rates.js';

export type Dimension = 'device' | 'path' | 'source' | 'visitor';

export interface DimensionData {
  values: { value: string; impressions: number; submits: number; conversion: number | null }[];
  rest: { values: number; impressions: number; submits: number };
}

export interface BreakdownRow {
  key: string;
  label: string;
  impressions: number;
  /** Of all the dimension's impressions in the range. */
  share: number | null;
  submits: number;
  conversion: number | null;
}

const WORDS: Partial<Record<string, Key>> = {
  '(unknown)': 'stats.bd.unknown',
  '(other)': 'stats.bd.otherPaths',
  '(direct)': 'stats.bd.direct',
  '(internal)': 'stats.bd.internal',
};
const DIMENSION_WORDS: Partial<Record<Dimension, Record<string, Key>>> = {
  device: { desktop: 'stats.bd.desktop', mobile: 'stats.bd.mobile', tablet: 'stats.bd.tablet' },
  visitor: { new: 'stats.bd.new', returning: 'stats.bd.returning' },
};

/** A value as the owner reads it: a word for the placeholders, the path or source itself otherwise. */
export function valueLabel(dimension: Dimension, value: string): string {
  const key = DIMENSION_WORDS[dimension]?.[value] ?? WORDS[value];
  return key ? t(key) : value;
}

export function breakdownRows(dimension: Dimension, data: DimensionData): BreakdownRow[] {
  const total = data.values.reduce((a, v) => a + v.impressions, 0) + data.rest.impressions;
  const rows: BreakdownRow[] = data.values.map((v) => ({
    key: v.value,
    label: valueLabel(dimension, v.value),
    impressions: v.impressions,
    share: rate(v.impressions, total),
    submits: v.submits,
    conversion: v.conversion,
  }));
  if (data.rest.values > 0)
    rows.push({
      key: ' rest',
      label: t('stats.bd.rest', { n: data.rest.values }),
      impressions: data.rest.impressions,
      share: rate(data.rest.impressions, total),
      submits: data.rest.submits,
      conversion: rate(data.rest.submits, data.rest.impressions),
    });
  return rows;
}
