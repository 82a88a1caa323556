// Confirming an e-mail destination. An address other than the account's sign-in address gets
// leads only after its owner clicks the link mailed to it: a typo then loses no lead (until the
// click, leads go to the sign-in address), and nobody can point a form at a stranger's mailbox.
// A confirmed address stays confirmed for the account (other sites and widgets may use it).
// Links are single-use, expire, and go out at most once a minute per address and a few dozen
// times an hour per account.
import { and, eq, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
import type { Account, AppDeps } from '../../deps.js';
import type { Db } from '../../platform/db/store.js';
import { DAY, HOUR, MINUTE } from '../../platform/lib/clock.js';
import { randomToken, sha256 } from '../../platform/lib/crypto.js';
import { AppError } from '../../platform/lib/errors.js';
import type { Limiter } from '../../platform/lib/rate-limits.js';
import type { EmailConfig } from './destination-config.js';
import { openConfig } from './store.js';
import { dashboardUrl } from '../../platform/mail/dashboard-url.js';

export const CONFIRMATION_LINK_TTL_MS = 3 * DAY;
/** A new link to one address waits this long after the previous one. */
export const CONFIRMATION_RESEND_GAP_MS = MINUTE;
const LINKS_PER_ACCOUNT_PER_HOUR = 30;

export const confirmationLimiter = (deps: Pick<AppDeps, 'rateLimits'>): Limiter =>
  deps.rateLimits.limiter({ name: 'email-confirmations-per-account', limit: LINKS_PER_ACCOUNT_PER_HOUR, windowMs: HOUR, sharedWithoutRedis: true });

const addressHash = (email: string) => sha256(email.trim().toLowerCase());

/** The addresses of the list the account has not proven: neither its sign-in address nor confirmed by a link. */
export async function unconfirmedAddresses(db: Db, account: Pick<Account, 'id' | 'email'>, emails: readonly string[]): Promise<string[]> {
  const { emailConfirmations } = db.tables;
  const others = [...new Set(emails.map((e) => e.toLowerCase()))].filter((e) => e !== account.email.toLowerCase());
  if (others.length === 0) return [];
  const confirmed = await db
    .select({ emailHash: emailConfirmations.emailHash })
    .from(emailConfirmations)
    .where(and(eq(emailConfirmations.accountId, account.id), inArray(emailConfirmations.emailHash, others.map(addressHash)), isNotNull(emailConfirmations.confirmedAt)));
  const proven = new Set(confirmed.map((r) => r.emailHash));
  return others.filter((e) => !proven.has(addressHash(e)));
}

export interface LinksMailed {
  sent: number;
  /** Addresses skipped because their previous link is too recent: when the next may go. */
  retryAfterMs: number | null;
}

/**
 * A fresh link to each address (the previous link of that address stops working). The row is
 * written only when the address's last link is older than the gap: one conditional upsert, so
 * two requests at once mail one link, on either engine.
 */
export async function mailConfirmationLinks(deps: AppDeps, accountId: string, siteName: string, emails: readonly string[]): Promise<LinksMailed> {
  const { db } = deps.store;
  const { emailConfirmations } = db.tables;
  const now = deps.clock.now();
  let sent = 0;
  let retryAfterMs: number | null = null;
  for (const email of emails) {
    const token = randomToken(24);
    const values = { tokenHash: sha256(token), expiresAt: now + CONFIRMATION_LINK_TTL_MS, sentAt: now };
    const written = await db
      .insert(emailConfirmations)
      .values({ accountId, emailHash: addressHash(email), ...values })
      .onConflictDoUpdate({
        target: [emailConfirmations.accountId, emailConfirmations.emailHash],
        set: values,
        setWhere: and(lte(emailConfirmations.sentAt, now - CONFIRMATION_RESEND_GAP_MS), isNull(emailConfirmations.confirmedAt)),
      })
      .returning({ sentAt: emailConfirmations.sentAt });
    if (written.length === 0) {
      const [last] = await db
        .select({ sentAt: emailConfirmations.sentAt })
        .from(emailConfirmations)
        .where(and(eq(emailConfirmations.accountId, accountId), eq(emailConfirmations.emailHash, addressHash(email))));
      const wait = last ? Math.max(1000, last.sentAt + CONFIRMATION_RESEND_GAP_MS - now) : 1000;
      retryAfterMs = Math.max(retryAfterMs ?? 0, wait);
      continue;
    }
    await deps.mail.send({ to: email, ...confirmationMail(deps.env, siteName, `confirm-email?token=${token}`) });
    sent++;
  }
  return { sent, retryAfterMs };
}

/** Russian first, English second: the recipient's language is not known. Names the site, not its owner. */
/** Both languages, as the address need not be the account's: each half links to the page in its own. */
function confirmationMail(env: AppDeps['env'], siteName: string, page: string) {
  const days = CONFIRMATION_LINK_TTL_MS / DAY;
  const subject = `${env.BRAND_NAME}: подтвердите адрес для заявок с сайта «${siteName}» / confirm this address for leads`;
  const text = [
    `Владелец сайта «${siteName}» указал этот адрес, чтобы получать на него заявки посетителей через ${env.BRAND_NAME}.`,
    `Заявки будут приходить сюда только после подтверждения. Подтвердить: ${dashboardUrl(env, page, 'ru')}`,
    `Ссылка действует ${days} дня. Если вы не ждали этого письма, ничего не делайте: заявки сюда не придут.`,
    '',
    `The owner of the site "${siteName}" asked ${env.BRAND_NAME} to send visitors' leads to this address.`,
    `Leads come here only once the address is confirmed. Confirm: ${dashboardUrl(env, page, 'en')}`,
    `The link works for ${days} days. If you did not expect this mail, do nothing: no leads will be sent here.`,
  ].join('\n');
  return { subject, text };
}

/**
 * Redeems a link: the address is confirmed for its account (the token is erased, so a second
 * click finds nothing), and every e-mail destination of that account whose addresses are now
 * all confirmed starts working.
 */
export async function confirmAddress(deps: AppDeps, token: string): Promise<{ activated: number }> {
  const { db } = deps.store;
  const { emailConfirmations } = db.tables;
  const now = deps.clock.now();
  const tokenHash = sha256(token);
  const invalid = () => new AppError(404, 'code_invalid', 'Ссылка недействительна или уже использована');
  const [row] = await db.select().from(emailConfirmations).where(eq(emailConfirmations.tokenHash, tokenHash));
  if (!row) throw invalid();
  if (row.expiresAt <= now) throw new AppError(410, 'code_expired', 'Срок действия ссылки истёк: владелец сайта может отправить новую');
  const used = await db.update(emailConfirmations).set({ tokenHash: null, confirmedAt: now }).where(eq(emailConfirmations.tokenHash, tokenHash)).returning({ accountId: emailConfirmations.accountId });
  if (used.length === 0) throw invalid();
  return { activated: await activateConfirmed(deps, row.accountId, now) };
}

/** Pending e-mail destinations of the account whose every address is proven now become active. */
export async function activateConfirmed(deps: AppDeps, accountId: string, now: number): Promise<number> {
  const { db } = deps.store;
  const { accounts, integrations } = db.tables;
  const [account] = await db.select({ id: accounts.id, email: accounts.email }).from(accounts).where(eq(accounts.id, accountId));
  if (!account) return 0;
  const pending = await db
    .select()
    .from(integrations)
    .where(and(eq(integrations.accountId, accountId), eq(integrations.kind, 'email'), eq(integrations.status, 'pending')));
  let activated = 0;
  for (const row of pending) {
    const config = openConfig<EmailConfig>(deps.sealer, row);
    if (!config || (await unconfirmedAddresses(db, account, config.emails)).length > 0) continue;
    const changed = await db
      .update(integrations)
      .set({ status: 'active', statusReason: null, updatedAt: now })
      .where(and(eq(integrations.id, row.id), eq(integrations.status, 'pending')))
      .returning({ id: integrations.id });
    activated += changed.length;
  }
  return activated;
}
