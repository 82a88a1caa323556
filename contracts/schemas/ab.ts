// Requests of the A/B test endpoints (/api/widgets/{id}/variants…). A variant's fields are
// changed with the same body as a widget's PATCH (any editor field but the name and the switch),
// and checked, merged, through the widget's full schema on the server.
import { z } from 'zod';
import { VARIANT_ID_MAX } from '../core/ab.js';
import { widgetPatchSchema } from './widget.js';

/** POST (a new variant: a copy of A with these changes) and PATCH of a variant. */
export const variantPatchSchema = widgetPatchSchema.omit({ name: true, active: true });

/** PUT …/variants/split: every variant of the test (A included) by id, in percent, adding up to 100. */
export const variantSplitSchema = z
  .object({ weights: z.record(z.string().min(1).max(VARIANT_ID_MAX), z.number().int().min(0).max(100)) })
  .strict()
  .refine((s) => Object.values(s.weights).reduce((a, b) => a + b, 0) === 100, { message: 'the shares must add up to 100 %', path: ['weights'] });
