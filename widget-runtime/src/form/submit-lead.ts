// POST /v1/leads. A string body goes as text/plain;charset=UTF-8 by default — a
// CORS-safelisted type, so no preflight round trip, and no header to write. The lead form
// imports this module when the visitor submits, not with rt/form.js: only those who send a
// lead download it, and the form page stays within its byte budget (tests/size). It imports
// nothing the form itself imports, so it stays one small chunk of its own.
import type { LeadSubmission } from '#contracts/core/embed.js';
import type { ApiError } from '#contracts/core/errors.js';
import type { MountContext } from '#contracts/core/mount.js';

// The form's wording of its problems comes in the same download (problems.ts says why).
export { PROBLEMS } from './problems.js';

// The language flag read here, not from shell/i18n.ts: importing that module would split the
// shared shell chunk in two (as layout.ts does, for the same reason).
declare const WIDGETRY_EN: boolean | undefined;
const EN = typeof WIDGETRY_EN != 'undefined' && WIDGETRY_EN;

/**
 * A spam heuristic refused the lead (sent quicker than a person fills a form, or the hidden
 * field filled by autofill): it goes again by itself after this visible wait. Not the
 * visitor's error, so it says nothing is wrong and nothing is asked of them.
 */
const WAIT = (s: number) => (EN ? `One moment: we’ll send it again in ${s} s…` : `Секунду: отправим ещё раз через ${s} с…`);

/**
 * null when the lead was accepted, else the message to show above the submit button ('' for the
 * generic "could not send", which the form holds). A refusal
 * by a spam heuristic (sent too soon after the widget appeared, or the hidden field filled —
 * autofill can do both to a person) is never silent: `wait` shows a countdown of the seconds the
 * server asks for, then the lead goes once more as a person's would (hidden field empty, the
 * wait added to the fill time).
 */
export async function submitLead(ctx: MountContext, lead: LeadSubmission, show: (message: string) => void): Promise<string | null> {
  // A dashboard preview stores nothing: the form behaves as if the lead was accepted.
  if (ctx.preview) return null;
  try {
    for (let again = 0; ; again++) {
      const res = await fetch(ctx.api + '/v1/leads', {
        method: 'POST',
        credentials: 'omit',
        body: JSON.stringify(lead),
      });
      if (res.ok) return null;
      const { error } = (await res.json()) as ApiError;
      if (error.code != 'spam_rejected' || again) return error.code == 'validation_failed' && error.message ? error.message : '';
      let s = Math.ceil((error.details as { retryInMs: number }).retryInMs / 1e3);
      lead = { ...lead, hp: '', elapsedMs: lead.elapsedMs + s * 1e3 };
      for (; s; s--) show(WAIT(s)), await new Promise((r) => setTimeout(r, 1e3));
    }
    // Only validation messages are meant for the visitor; anything else (rate limits, a second
    // spam refusal, outages) gets the generic "try again" text.
  } catch {
    // Network failure or a non-JSON answer: the generic message below.
  }
  return '';
}
