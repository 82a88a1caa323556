// POST /v1/leads. A string body goes as text/plain;charset=UTF-8 by default — a
// CORS-safelisted type, so no preflight round trip, and no header to write.
import type { LeadSubmission } from '#contracts/core/embed.js';
import type { ApiError } from '#contracts/core/errors.js';
import type { MountContext } from '#contracts/core/mount.js';
import { FAILED } from './strings.js';

/** null when the lead was accepted, else the message to show above the submit button. */
export async function submitLead(ctx: MountContext, lead: LeadSubmission): Promise<string | null> {
  // A dashboard preview stores nothing: the form behaves as if the lead was accepted.
  if (ctx.preview) return null;
  try {
    const res = await fetch(ctx.api + '/v1/leads', {
      method: 'POST',
      credentials: 'omit',
      body: JSON.stringify(lead),
    });
    if (res.ok) return null;
    const { error } = (await res.json()) as ApiError;
    // Only validation messages are meant for the visitor; anything else (rate limits, spam
    // filter, outages) gets the generic "try again" text.
    if (error.code == 'validation_failed' && error.message) return error.message;
  } catch {
    // Network failure or a non-JSON answer: the generic message below.
  }
  return FAILED;
}
