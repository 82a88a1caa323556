// Messages between the editor and its preview frame (same origin; both check it).
import type { EmbedWidget } from '#contracts/core/embed.js';
import type { Lang } from '#contracts/core/lang.js';

export interface PreviewBadge {
  text: string;
  url: string;
}

/** `lang`: the dashboard's language; the frame draws that build of the runtime (rt/en/ for English, as a page in English gets). */
export type ToFrame = { kind: 'wg-preview:show'; widget: EmbedWidget; badge: PreviewBadge | null; lang: Lang } | { kind: 'wg-preview:clear' };

export type FromFrame =
  | { kind: 'wg-preview:ready' }
  | { kind: 'wg-preview:shown'; widgetId: string }
  /** The runtime for this type could not be loaded or drew nothing. */
  | { kind: 'wg-preview:failed'; reason: 'runtime' | 'nothing' };

/** Where a preview's inline widget goes: the licensee's selector exists on their pages, not ours. */
export const INLINE_SLOT_ID = 'wg-inline-slot';
