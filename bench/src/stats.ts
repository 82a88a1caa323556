// Summaries of repeated measurements (median, min, max) and the number formats the report uses.

export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) return { median: NaN, min: NaN, max: NaN, n: 0 };
  const s = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]!, n: s.length };
}

/** 12345.6 → "12,346"; small numbers keep `digits` decimals. */
export function num(v: number, digits = 0): string {
  if (!Number.isFinite(v)) return '—';
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A summary as "median (min–max)". */
export function sum(s: Summary, digits = 0): string {
  if (s.n === 0) return '—';
  if (s.min === s.max) return num(s.median, digits);
  return `${num(s.median, digits)} (${num(s.min, digits)}–${num(s.max, digits)})`;
}

/**
 * A summary as "median (min–max)" with fixed decimals, min and max always shown and no thousands
 * separators: the standalone scripts' console lines, which are read side by side and pasted.
 */
export function medianAndRange(s: Pick<Summary, 'median' | 'min' | 'max'>, digits = 0): string {
  return `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
}

/** "min–max" of readings, such as the load averages seen over a run. */
export function minToMax(values: readonly number[], digits = 1): string {
  return `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
}

export function ratio(ours: number, theirs: number, digits = 2): string {
  if (!Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0) return '—';
  return `${num(ours / theirs, digits)}`;
}

export const kb = (bytes: number, digits = 1) => `${num(bytes / 1024, digits)} KB`;
export const mb = (bytes: number, digits = 1) => `${num(bytes / 1024 / 1024, digits)} MB`;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
