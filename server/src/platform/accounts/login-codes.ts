// One-time e-mail codes: 6 digits, stored hashed, 10 minutes, single use, 5 wrong tries.
// Everything about them is in the database, so every process of the app sees the same codes,
// attempts and limits.
import { and, desc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { Db, Store } from '../db/store.js';
import { HOUR, MINUTE } from '../lib/clock.js';
import { safeEqual, sha256, sixDigitCode } from '../lib/crypto.js';
import { AppError } from '../lib/errors.js';
import { tooManyRequests } from '../lib/rate-limits.js';
import { newId } from '../lib/ids.js';

export const CODE_TTL_MS = 10 * MINUTE;
const MAX_CODE_ATTEMPTS = 5;

// The row id salts the hash, so equal codes never share a hash.
const hashCode = (id: string, code: string) => sha256(`${id}:${code}`);

/** What a transaction that reads an address's codes and then writes them locks first. */
const codesLock = (email: string) => `login-codes:${email}`;

export async function countRecentCodes(db: Db, email: string, now: number): Promise<number> {
  const { loginCodes } = db.tables;
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(loginCodes)
    .where(and(eq(loginCodes.email, email), gt(loginCodes.createdAt, now - HOUR)));
  return row?.n ?? 0;
}

/**
 * Codes carry the e-mail of whoever asked, signed up or not: personal data kept only while it
 * matters — the code's own 10 minutes and the hour the per-e-mail limit counts. Returns the count.
 */
export async function purgeStaleCodes(db: Db, now: number): Promise<number> {
  const { loginCodes } = db.tables;
  return (
    await db
      .delete(loginCodes)
      .where(lte(loginCodes.createdAt, now - HOUR))
      .returning({ id: loginCodes.id })
  ).length;
}

/**
 * Issues a code unless `email` already had `perHour` codes in the last hour (null then). The
 * count and the insert hold the address's lock together, so parallel requests for one address —
 * on any process — cannot both find room for the last code.
 */
export async function issueCode(store: Store, email: string, consentVersion: string, now: number, perHour: number): Promise<{ id: string; code: string; expiresAt: number } | null> {
  return store.transaction(async (tx) => {
    await store.lock(tx, codesLock(email));
    if ((await countRecentCodes(tx, email, now)) >= perHour) return null;
    const { loginCodes } = tx.tables;
    // Only the newest code counts (consumeCode). The earlier ones expire now, which also tells the
    // newest apart from one issued in the same millisecond: rows have no insertion order to go by.
    await tx
      .update(loginCodes)
      .set({ expiresAt: now })
      .where(and(eq(loginCodes.email, email), gt(loginCodes.expiresAt, now)));
    const id = newId('code');
    const code = sixDigitCode();
    const expiresAt = now + CODE_TTL_MS;
    await tx.insert(loginCodes).values({ id, email, codeHash: hashCode(id, code), expiresAt, createdAt: now, consentVersion });
    return { id, code, expiresAt };
  });
}

/**
 * Takes back a code whose mail could not be sent: nobody can know it, so it must not count against
 * the address's hourly limit, and its row would only keep the address stored. The earlier code
 * issueCode expired stays expired: the person was told to ask again, and a later code replaces it.
 */
export async function withdrawCode(store: Store, email: string, id: string): Promise<void> {
  await store.transaction(async (tx) => {
    await store.lock(tx, codesLock(email));
    const { loginCodes } = tx.tables;
    await tx.delete(loginCodes).where(and(eq(loginCodes.id, id), isNull(loginCodes.usedAt)));
  });
}

type Verdict = { ok: true; consentVersion: string } | { ok: false; error: AppError };

// This code is spent whatever the wait; Retry-After is the pause before asking for a new one.
const tooManyTries = () => tooManyRequests('Слишком много неверных попыток. Запросите новый код.', MINUTE / 1000, 'code_attempts_exceeded');

/**
 * Checks `code` against the newest code sent to `email`. A wrong guess is counted in the same
 * transaction that checks it, under the address's lock, so parallel guesses (on any process)
 * cannot exceed the attempt limit. The transaction returns its verdict instead of throwing: a
 * throw would roll the count back.
 */
export async function consumeCode(store: Store, email: string, code: string, now: number): Promise<{ consentVersion: string }> {
  const verdict = await store.transaction(async (tx): Promise<Verdict> => {
    const { loginCodes } = tx.tables;
    await store.lock(tx, codesLock(email));
    const [row] = await tx.select().from(loginCodes).where(eq(loginCodes.email, email)).orderBy(desc(loginCodes.createdAt), desc(loginCodes.expiresAt)).limit(1);
    if (!row || row.usedAt !== null) return { ok: false, error: new AppError(400, 'code_invalid', 'Код неверен. Запросите новый код.') };
    if (row.expiresAt <= now) return { ok: false, error: new AppError(400, 'code_expired', 'Срок действия кода истёк. Запросите новый код.') };
    if (row.attempts >= MAX_CODE_ATTEMPTS) return { ok: false, error: tooManyTries() };
    if (!safeEqual(row.codeHash, hashCode(row.id, code))) {
      const attempts = row.attempts + 1;
      await tx.update(loginCodes).set({ attempts }).where(eq(loginCodes.id, row.id));
      const left = MAX_CODE_ATTEMPTS - attempts;
      if (left === 0) return { ok: false, error: tooManyTries() };
      return { ok: false, error: new AppError(400, 'code_invalid', `Код неверен. Осталось попыток: ${left}.`, { attemptsLeft: left }) };
    }
    await tx.update(loginCodes).set({ usedAt: now }).where(eq(loginCodes.id, row.id));
    return { ok: true, consentVersion: row.consentVersion };
  });
  if (!verdict.ok) throw verdict.error;
  return { consentVersion: verdict.consentVersion };
}
