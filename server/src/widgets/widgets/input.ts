// A widget between its stored row and the editor's whole input: split into the columns queries
// filter on and the definition, joined back, and a patch merged and checked through the full
// schema. The widget routes and the A/B variants (a variant is a definition of its own) share it.
import type { z } from 'zod';
import { widgetInputSchema, type widgetPatchSchema, type WidgetInput } from '#contracts/schemas/widget.js';
import type { WidgetDefinition, widgets } from '../../platform/db/schema/index.js';
import { validationFailed } from '../../platform/lib/json-body.js';

type WidgetRow = typeof widgets.$inferSelect;

export const toInput = (w: Pick<WidgetRow, 'definition' | 'name' | 'siteId' | 'active' | 'type'>): WidgetInput =>
  ({ ...w.definition, name: w.name, siteId: w.siteId, active: w.active, type: w.type }) as WidgetInput;

export function splitInput(input: WidgetInput): { name: string; siteId: string; active: boolean; type: WidgetInput['type']; definition: WidgetDefinition } {
  const { name, siteId, active, type, ...definition } = input;
  return { name, siteId, active, type, definition };
}

/** Parses a stored widget merged with a patch through the full schema, so every rule holds after a PATCH too. */
export function mergeAndValidate(current: Pick<WidgetRow, 'definition' | 'name' | 'siteId' | 'active' | 'type'>, patch: z.infer<typeof widgetPatchSchema>): WidgetInput {
  const base = toInput(current);
  const merged = {
    ...base,
    ...patch,
    inlineSelector: patch.inlineSelector === null ? undefined : (patch.inlineSelector ?? base.inlineSelector),
    content: patch.content ? { ...base.content, ...patch.content } : base.content,
  };
  const parsed = widgetInputSchema.safeParse(merged);
  if (!parsed.success) throw validationFailed(parsed.error, 'The widget has invalid fields');
  return parsed.data;
}
