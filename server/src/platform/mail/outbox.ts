// Platform mail through a durable outbox, like lead delivery: send() writes the mail to
// mail_outbox (in the caller's transaction, if any) and tries it at once; a mail the SMTP server
// did not take stays there and is tried again with backoff by drain() (the mail_outbox job) on
// whichever process claims it, until it is sent or a week has passed. So an SMTP outage delays
// notices and loses none. The row goes as soon as the mail is sent.
import { and, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Store } from '../db/store.js';
import type { Clock } from '../lib/clock.js';
import { DAY, MINUTE } from '../lib/clock.js';
import { newId, randomId } from '../lib/ids.js';
import type { Logger } from '../lib/logger.js';
import type { Mail, Mailer } from './mailer.js';

/** Minutes to wait after the n-th failed try (the last step repeats). */
const BACKOFF_MINUTES = [1, 5, 15, 60, 180, 360];
/** A mail not sent after this long is dropped (and logged): a notice that late is no longer news. */
export const MAIL_GIVE_UP_MS = 7 * DAY;
/** How long one try may take before another process may take the mail over. */
const LEASE_MS = 2 * MINUTE;
const DRAIN_BATCH = 20;

export interface MailOutbox extends Mailer {
  /** Tries every mail that is due, in batches; returns how many were sent. */
  drain(): Promise<number>;
}

export function createMailOutbox(options: { store: Store; transport: Mailer; clock: Clock; logger: Logger }): MailOutbox {
  const { store, transport, clock, logger } = options;
  const { mailOutbox } = store.tables;
  const owner = randomId(8);

  type Row = typeof mailOutbox.$inferSelect;
  const attempt = async (row: Row): Promise<boolean> => {
    try {
      await transport.send({ to: row.to, subject: row.subject, text: row.text, ...(row.html ? { html: row.html } : {}) });
    } catch (err) {
      const now = clock.now();
      const attempts = row.attempts + 1;
      if (now - row.createdAt >= MAIL_GIVE_UP_MS) {
        await store.db.delete(mailOutbox).where(eq(mailOutbox.id, row.id));
        logger.error('mail.given_up', { mailId: row.id, attempts, error: String(err) });
        return false;
      }
      const wait = BACKOFF_MINUTES[Math.min(attempts, BACKOFF_MINUTES.length) - 1]! * MINUTE;
      await store.db
        .update(mailOutbox)
        .set({ attempts, nextAttemptAt: now + wait, leaseOwner: null, leaseUntil: null, lastError: String(err).slice(0, 200) })
        .where(and(eq(mailOutbox.id, row.id), eq(mailOutbox.leaseOwner, owner)));
      logger.warn('mail.deferred', { mailId: row.id, attempts, retryInMs: wait, error: String(err) });
      return false;
    }
    await store.db.delete(mailOutbox).where(eq(mailOutbox.id, row.id));
    return true;
  };

  return {
    async send(mail: Mail) {
      const now = clock.now();
      const [row] = await store.db
        .insert(mailOutbox)
        .values({ id: newId('mail'), to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? null, nextAttemptAt: now, leaseOwner: owner, leaseUntil: now + LEASE_MS, createdAt: now })
        .returning();
      await attempt(row!);
    },
    async drain() {
      let sent = 0;
      for (;;) {
        const { claimed, delivered } = await drainBatch();
        sent += delivered;
        if (claimed < DRAIN_BATCH) return sent;
      }
    },
  };

  async function drainBatch(): Promise<{ claimed: number; delivered: number }> {
    {
      const now = clock.now();
      const free = or(isNull(mailOutbox.leaseUntil), lte(mailOutbox.leaseUntil, now));
      const due = (
        await store.db
          .select({ id: mailOutbox.id })
          .from(mailOutbox)
          .where(and(lte(mailOutbox.nextAttemptAt, now), free))
          .orderBy(mailOutbox.nextAttemptAt)
          .limit(DRAIN_BATCH)
      ).map((r) => r.id);
      if (due.length === 0) return { claimed: 0, delivered: 0 };
      // Claimed by one conditional UPDATE: a mail another process claimed meanwhile is not in the answer.
      const claimed = await store.db
        .update(mailOutbox)
        .set({ leaseOwner: owner, leaseUntil: now + LEASE_MS })
        .where(and(inArray(mailOutbox.id, due), free))
        .returning();
      let delivered = 0;
      for (const row of claimed) if (await attempt(row)) delivered++;
      return { claimed: claimed.length, delivered };
    }
  }
}
