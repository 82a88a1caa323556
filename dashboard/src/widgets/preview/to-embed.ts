// The draft as the runtime receives it from the loader (EmbedWidget), built here so the
// preview can show unsaved edits. It mirrors server/src/embed/config.ts toEmbedWidget: keep the
// two in step (the wire format is typed, so a new field there is a type error here).
import type { EmbedWidget } from '../../../../server/src/contracts/embed.js';
import { CHANNEL_LABELS, channelHref } from '../../../../server/src/contracts/messengers.js';
import type { Draft } from '../draft.js';

/** The consent label the server sends (server/src/embed/consent-text.ts CONSENT_LABEL). */
export const PREVIEW_CONSENT_TEXT = 'Я даю согласие на обработку моих персональных данных';
export const PREVIEW_MARKETING_TEXT = 'Я согласен получать рекламные и информационные сообщения';

/** Offset of `tz` from UTC at `instant`, in ms. */
function offsetAt(instant: number, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(instant);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(instant / 1000) * 1000;
}

/** "YYYY-MM-DDTHH:MM" on the site's clock → ms since the epoch (as server/src/sites/timezone.ts). */
export function zonedTimeToInstant(local: string, tz: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return NaN;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  try {
    return wall - offsetAt(wall - offsetAt(wall, tz), tz);
  } catch {
    return NaN;
  }
}

/** Black or white text on the accent colour (server/src/embed/config.ts readableOn). */
export function readableOn(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return (n >> 16) * 299 + ((n >> 8) & 255) * 587 + (n & 255) * 114 > 150000 ? '#111' : '#fff';
}

export type PreviewResult = { widget: EmbedWidget } | { nothing: 'timer_over' | 'invalid' };

export function toEmbedWidget(d: Draft, id: string, tz: string, now: number): PreviewResult {
  const base = { id, position: d.position, colors: { ...d.colors, onAccent: readableOn(d.colors.accent) }, ...(d.inlineSelector ? { inlineSelector: d.inlineSelector } : {}) };
  const wording = (c: { marketingConsent: boolean }) => ({ consentText: PREVIEW_CONSENT_TEXT, ...(c.marketingConsent ? { marketingText: PREVIEW_MARKETING_TEXT } : {}) });
  switch (d.type) {
    case 'banner':
      return { widget: { ...base, type: 'banner', content: d.content } };
    case 'form':
      return { widget: { ...base, type: 'form', content: d.content, ...wording(d.content) } };
    case 'popup':
      return { widget: { ...base, type: 'popup', content: d.content, ...wording(d.content) } };
    case 'callback':
      return { widget: { ...base, type: 'callback', content: d.content, ...wording(d.content) } };
    case 'quiz':
      return { widget: { ...base, type: 'quiz', content: d.content, ...wording(d.content) } };
    case 'chat':
      return { widget: { ...base, type: 'chat', content: d.content, ...wording(d.content) } };
    case 'messengers': {
      const channels = d.content.channels.flatMap((ch) => {
        const href = channelHref(ch.kind, ch.value);
        return href ? [{ kind: ch.kind, href, label: ch.label || CHANNEL_LABELS[ch.kind] }] : [];
      });
      return { widget: { ...base, type: 'messengers', content: { buttonText: d.content.buttonText, title: d.content.title, channels } } };
    }
    case 'timer': {
      const { endsAt, ...rest } = d.content;
      const end = zonedTimeToInstant(endsAt, tz);
      if (Number.isNaN(end)) return { nothing: 'invalid' };
      return end > now ? { widget: { ...base, type: 'timer', content: { ...rest, end } } } : { nothing: 'timer_over' };
    }
  }
}
