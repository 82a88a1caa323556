// What one try at a destination came to; the worker turns it into the delivery's next state.
import type { Lang } from '#contracts/core/lang.js';
import type { Env } from '../../../env.js';
import type { Clock } from '../../../platform/lib/clock.js';
import type { Mailer } from '../../../platform/mail/mailer.js';
import type { DestinationConfig } from '../destination-config.js';
import type { LeadDocument } from '../lead-document.js';

interface Common {
  statusCode?: number;
  /** Resume point for the next try (e.g. Telegram parts already sent). */
  progress?: string;
  /** Nothing more to this destination before then (Telegram's one message a second per chat). */
  pauseUntil?: number;
}

export type Outcome =
  | (Common & { kind: 'delivered' })
  /** Counts against the backoff schedule. */
  | (Common & { kind: 'failed'; error: string })
  /** The destination asked us to slow down: try again at `until`, without using up the schedule. */
  | (Common & { kind: 'throttled'; error: string; until: number; configPatch?: Partial<DestinationConfig> })
  /** Part of the message went out; the rest follows at `until`. */
  | (Common & { kind: 'partial'; until: number })
  /** The channel is unusable until the licensee acts (Telegram 403, webhook 410). */
  | (Common & { kind: 'broken'; error: string; integrationStatus: 'broken' | 'disabled' });

export interface SendContext<C extends DestinationConfig = DestinationConfig> {
  env: Env;
  mailer: Mailer;
  clock: Clock;
  doc: LeadDocument;
  /** The account's language (accounts.lang): the lead mail is written in it. */
  lang: Lang;
  config: C;
  /** The delivery id: Standard Webhooks `webhook-id`, the same on every try. */
  messageId: string;
  progress: string | null;
  /** Throttled tries so far, for escalating Bitrix24 back-off. */
  throttles: number;
}

export type Destination<C extends DestinationConfig = DestinationConfig> = (ctx: SendContext<C>) => Promise<Outcome>;

/** Short failure text for the attempt log: our words, never a response body (it may echo the lead). */
export const httpFailure = (status: number) => `HTTP ${status}`;
