// The one error shape every endpoint answers with (codes in core/errors.ts).
import { z } from 'zod';
import { ERROR_CODES, type ApiError } from '../core/errors.js';
import type { Matches, Proven } from './matches.js';

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

type _ApiError = Proven<Matches<z.infer<typeof apiErrorSchema>, ApiError>>;
