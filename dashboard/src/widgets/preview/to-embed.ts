// The draft as the runtime receives it from the loader (EmbedWidget), built by the same pure
// mapping the server's config uses (contracts/core/embed-widget.ts), so the preview shows
// unsaved edits exactly as the live site will: consent wording, messenger links, and a timer's
// end resolved in the site's time zone (daylight-saving changes included).
import { toEmbedWidget as wireWidget } from '#contracts/core/embed-widget.js';
import type { EmbedWidget } from '#contracts/core/embed.js';
import { zonedTimeToInstant } from '#contracts/core/timezone.js';
import type { Draft } from '../draft.js';

export type PreviewResult = { widget: EmbedWidget } | { nothing: 'timer_over' | 'invalid' };

export function toEmbedWidget(d: Draft, id: string, tz: string, now: number): PreviewResult {
  // Display rules decide where and when the live site shows a widget; the preview always shows it.
  const widget = wireWidget(id, { ...d, rules: undefined, urlRule: undefined }, tz, now);
  if (widget) return { widget };
  if (d.type !== 'timer') return { nothing: 'invalid' };
  let end = NaN;
  try {
    end = zonedTimeToInstant(d.content.endsAt, tz);
  } catch {
    // An unknown zone reads as an end that is not a date.
  }
  return { nothing: Number.isNaN(end) ? 'invalid' : 'timer_over' };
}
