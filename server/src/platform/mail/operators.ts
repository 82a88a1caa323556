// A mail to every operator (OPERATOR_EMAILS), each in the language of their own account: a new
// complaint, a new widget work request. One operator's failed send does not stop the others'.
import { localeOf, type Lang } from '#contracts/core/lang.js';
import type { AppDeps } from '../../deps.js';
import { accountLangOf } from './address-lang.js';
import type { Mail } from './mailer.js';

/** `compose` gets the operator's language (Russian for an address with no account) and its locale for dates. */
export async function mailOperators(deps: Pick<AppDeps, 'env' | 'store' | 'mail'>, compose: (lang: Lang, locale: string) => Omit<Mail, 'to'>, onFailure: (err: unknown) => void): Promise<void> {
  for (const to of deps.env.OPERATOR_EMAILS) {
    const lang = (await accountLangOf(deps.store.db, to)) ?? 'ru';
    await deps.mail.send({ to, ...compose(lang, localeOf(lang)) }).catch(onFailure);
  }
}
