// The time slices of the tables partitioned on PostgreSQL (migration 0008): half calendar months,
// UTC (the 1st to the 15th, the 16th to the month's end). A slice is dropped whole once its last
// moment is past the deadline of its rows, so a row goes at most one slice — 16 days — after its
// own deadline: inside the 30 days 152-FZ (art. 21) allows for destroying data whose term is over,
// which a calendar month (up to 31 days) would not be.

/** The partitioned tables and the time column (milliseconds) each is partitioned by. */
export const TIME_PARTITIONED: Readonly<Record<string, string>> = {
  realtime_message_logs: 'at',
};

/** How far ahead the `partitions` job keeps slices ready (rows past them land in the default partition). */
export const SLICES_AHEAD = 4;

export interface Slice {
  /** First millisecond (inclusive). */
  from: number;
  /** First millisecond of the next slice (exclusive). */
  to: number;
  /** The partition's name suffix: the slice's first day, e.g. 2026_12_16. */
  suffix: string;
}

/** The slice holding `ms`. */
export function sliceOf(ms: number): Slice {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const second = d.getUTCDate() >= 16;
  const from = Date.UTC(y, m, second ? 16 : 1);
  const to = second ? Date.UTC(y, m + 1, 1) : Date.UTC(y, m, 16);
  const suffix = `${y}_${String(m + 1).padStart(2, '0')}_${second ? '16' : '01'}`;
  return { from, to, suffix };
}

/** The slices from the one holding `from` to the one holding `to`, both included. */
export function slicesBetween(from: number, to: number): Slice[] {
  const slices: Slice[] = [];
  for (let s = sliceOf(from); s.from <= to; s = sliceOf(s.to)) slices.push(s);
  return slices;
}
