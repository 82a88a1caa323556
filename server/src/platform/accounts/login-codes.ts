// One-time e-mail codes: 6 digits, stored hashed, 10 minutes, single use, 5 wrong tries.
import { and, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { loginCodes } from '../db/schema/index.js';
import { HOUR, MINUTE } from '../lib/clock.js';
import { safeEqual, sha256, sixDigitCode } from '../lib/crypto.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';

export const CODE_TTL_MS = 10 * MINUTE;
const MAX_CODE_ATTEMPTS = 5;

// The row id salts the hash, so equal codes never share a hash.
const hashCode = (id: string, code: string) => sha256(`${id}:${code}`);

export function countRecentCodes(db: Db, email: string, now: number): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(loginCodes)
    .where(and(eq(loginCodes.email, email), gt(loginCodes.createdAt, now - HOUR)))
    .get();
  return row?.n ?? 0;
}

/**
 * Codes carry the e-mail of whoever asked, signed up or not: personal data kept only while it
 * matters — the code's own 10 minutes and the hour the per-e-mail limit counts. Returns the count.
 */
export function purgeStaleCodes(db: Db, now: number): number {
  return db.delete(loginCodes).where(lte(loginCodes.createdAt, now - HOUR)).run().changes;
}

export function issueCode(db: Db, email: string, consentVersion: string, now: number): { code: string; expiresAt: number } {
  const id = newId('code');
  const code = sixDigitCode();
  const expiresAt = now + CODE_TTL_MS;
  db.insert(loginCodes).values({ id, email, codeHash: hashCode(id, code), expiresAt, createdAt: now, consentVersion }).run();
  return { code, expiresAt };
}

type Verdict = { ok: true; consentVersion: string } | { ok: false; error: AppError };

const tooManyTries = () => new AppError(429, 'code_attempts_exceeded', 'Слишком много неверных попыток. Запросите новый код.');

/**
 * Checks `code` against the newest code sent to `email`. A wrong guess is counted in the same
 * write transaction that checks it, so parallel guesses cannot exceed the attempt limit. The
 * transaction returns its verdict instead of throwing: a throw would roll the count back.
 */
export function consumeCode(db: Db, email: string, code: string, now: number): { consentVersion: string } {
  const verdict = db.transaction(
    (tx): Verdict => {
      const row = tx.select().from(loginCodes).where(eq(loginCodes.email, email)).orderBy(desc(loginCodes.createdAt)).limit(1).get();
      if (!row || row.usedAt !== null) return { ok: false, error: new AppError(400, 'code_invalid', 'Код неверен. Запросите новый код.') };
      if (row.expiresAt <= now) return { ok: false, error: new AppError(400, 'code_expired', 'Срок действия кода истёк. Запросите новый код.') };
      if (row.attempts >= MAX_CODE_ATTEMPTS) return { ok: false, error: tooManyTries() };
      if (!safeEqual(row.codeHash, hashCode(row.id, code))) {
        const attempts = row.attempts + 1;
        tx.update(loginCodes).set({ attempts }).where(eq(loginCodes.id, row.id)).run();
        const left = MAX_CODE_ATTEMPTS - attempts;
        if (left === 0) return { ok: false, error: tooManyTries() };
        return { ok: false, error: new AppError(400, 'code_invalid', `Код неверен. Осталось попыток: ${left}.`, { attemptsLeft: left }) };
      }
      tx.update(loginCodes).set({ usedAt: now }).where(eq(loginCodes.id, row.id)).run();
      return { ok: true, consentVersion: row.consentVersion };
    },
    { behavior: 'immediate' },
  );
  if (!verdict.ok) throw verdict.error;
  return { consentVersion: verdict.consentVersion };
}
