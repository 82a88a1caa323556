// Rates the statistics page draws: a share of a whole, null when the whole is nothing (0 % would
// claim a measurement that was never made).

/** `part / whole`, or null when there was no whole. */
export const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Conversion (leads per impression) and CTR (clicks per impression) of each day. */
export const dailyRates = (days: readonly { impressions: number; clicks: number; leads: number }[]) =>
  days.map((d) => ({ conversion: rate(d.leads, d.impressions), ctr: rate(d.clicks, d.impressions) }));

/** True when the range has nothing to draw: the page says so instead of a chart of zeros. */
export const isEmptyRange = (totals: { impressions: number; clicks: number; leads: number }) => totals.impressions + totals.clicks + totals.leads === 0;
