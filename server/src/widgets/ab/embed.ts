// An A/B test in the embed config (contracts/core/embed.ts): the widget's entry is variant A,
// with the test's id and A's share, and carries the other variants as whole widgets of the same
// id. The loader draws among them (contracts/core/ab.ts pickVariant).
import type { EmbedWidget } from '#contracts/core/embed.js';
import { toEmbedWidget, type WidgetSource } from '#contracts/core/embed-widget.js';

export interface ServedVariant {
  widgetId: string;
  id: string;
  testId: string;
  weight: number;
  definition: unknown;
}

/**
 * `variants`: the widget's B, C… in label order (none: no test, the entry is returned as it is).
 * A variant with nothing to draw (a timer of its own that has run out) is left out, and its share
 * falls to A: the loader's draw ends on A when the shares fall short of 100.
 */
export function withVariants(entry: EmbedWidget, type: string, variants: ServedVariant[], tz: string, now: number): EmbedWidget {
  if (variants.length === 0) return entry;
  const others = variants.flatMap((v) => {
    const w = toEmbedWidget(entry.id, { ...(v.definition as WidgetSource), type }, tz, now);
    return w ? [{ ...w, v: v.id, p: v.weight }] : [];
  });
  const taken = variants.reduce((n, v) => n + v.weight, 0);
  return { ...entry, v: variants[0]!.testId, p: 100 - taken, ab: others };
}
