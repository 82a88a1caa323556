// When to try again: the schedule (the Standard Webhooks / Svix one, stretched to a
// day), each wait with ±20 % jitter so that a destination coming back after an outage is not
// hit by every queued lead in the same second.
import { HOUR, MINUTE } from '../../platform/lib/clock.js';

const SECOND = 1000;

/** Wait before attempt n+1 (index n), starting with "immediately". */
const RETRY_SCHEDULE_MS: readonly number[] = [0, 5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 14 * HOUR, 20 * HOUR, 24 * HOUR];

/** Attempts before a delivery is marked failed. */
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length;

const JITTER = 0.2;

/** Delay after the `failures`-th failed attempt, or null when none is left. */
export function retryDelay(failures: number, random: () => number = Math.random): number | null {
  const base = RETRY_SCHEDULE_MS[failures];
  if (base === undefined) return null;
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

/** Throttled tries (Telegram 429, Bitrix24 QUERY_LIMIT_EXCEEDED) that may pass before each starts counting as a failure. */
export const FREE_THROTTLES = 30;
