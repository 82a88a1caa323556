// One try's result in words: "delivered (HTTP 204)", "failed: HTTP 503".
import { t, type Key } from '../i18n/i18n.js';

const OUTCOMES: Record<string, Key> = {
  delivered: 'intg.outcome.delivered',
  failed: 'intg.outcome.failed',
  throttled: 'intg.outcome.throttled',
  partial: 'intg.outcome.partial',
  refused: 'intg.outcome.refused',
  broken: 'intg.outcome.broken',
};

export function outcomeText(outcome: string, statusCode: number | null, error: string | null): string {
  const word = OUTCOMES[outcome] ? t(OUTCOMES[outcome]) : outcome;
  const code = statusCode !== null ? ` (HTTP ${statusCode})` : '';
  // Errors are the destination's or the worker's technical words ("HTTP 503", "timeout"); shown as they are.
  const why = error && error !== `HTTP ${statusCode}` ? `: ${error}` : '';
  return `${word}${code}${why}`;
}
