// The language of the account signed up with an address, for mails to addresses that are not an
// account's own field (the operators' OPERATOR_EMAILS): null when no account has it.
import { eq } from 'drizzle-orm';
import type { Lang } from '#contracts/core/lang.js';
import type { Db } from '../db/store.js';

export async function accountLangOf(db: Db, email: string): Promise<Lang | null> {
  const { accounts } = db.tables;
  const [row] = await db.select({ lang: accounts.lang }).from(accounts).where(eq(accounts.email, email.toLowerCase()));
  return row?.lang ?? null;
}
