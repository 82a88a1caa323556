// Sign-up / sign-in by e-mail code, logout, and "who am I".
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { accountSettingsSchema, requestCodeSchema, verifyCodeSchema } from '#contracts/schemas/accounts.js';
import { deleteAccountSchema } from '#contracts/schemas/operator.js';
import { WIDGET_TYPES, type WidgetType } from '#contracts/core/widget.js';
import { deleteAccount } from './lifecycle.js';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { clientIp } from '../lib/client-ip.js';
import { HOUR } from '../lib/clock.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { readJson } from '../lib/json-body.js';
import { tooManyRequests } from '../lib/rate-limits.js';
import { limitsOf, periodEndAt, periodStartAt, tariffOf, widgetTypeAllowance, type Allowance } from '../tariffs/policy.js';
import { mailTransport } from '../mail/transport.js';
import { LEGAL_DOCUMENTS_VERSION } from './consent.js';
import { MailSendError } from '../mail/mailer.js';
import { CODE_TTL_MS, consumeCode, issueCode, withdrawCode } from './login-codes.js';
import { clearSessionCookies, createSession, requireSession, setSessionCookies } from './sessions.js';

export function createAuthRoutes(deps: AppDeps) {
  const { store, env, clock } = deps;
  const { db } = store;
  const { accounts, sessions } = db.tables;
  // Shared by every process of the app: in Redis, or without it in the database.
  const codesPerIp = deps.rateLimits.limiter({ name: 'sign-in-codes-per-ip', limit: env.LOGIN_CODES_PER_IP_PER_HOUR, windowMs: HOUR, sharedWithoutRedis: true });
  const verifiesPerIp = deps.rateLimits.limiter({ name: 'sign-in-verifies-per-ip', limit: env.LOGIN_CODES_PER_IP_PER_HOUR * 10, windowMs: HOUR, sharedWithoutRedis: true });
  const TOO_MANY = 'Слишком много запросов. Попробуйте позже.';

  return new Hono<AuthedEnv>()
    .post('/code', async (c) => {
      const { email, lang } = await readJson(c, requestCodeSchema);
      const now = clock.now();
      await codesPerIp.enforce(clientIp(c, env.TRUST_PROXY), TOO_MANY);
      const issued = await issueCode(store, email, LEGAL_DOCUMENTS_VERSION, now, env.LOGIN_CODES_PER_EMAIL_PER_HOUR);
      // The address's codes of the last hour: the oldest leaves the count within the hour.
      if (!issued) throw tooManyRequests(TOO_MANY, HOUR / 1000);
      const { id, code, expiresAt } = issued;
      const minutes = CODE_TTL_MS / 60_000;
      // The person asked in their language: the subject is in it and the letter leads with it; the
      // other language follows, as the address may be read by someone else.
      const ru = `Ваш код для входа в ${env.BRAND_NAME}: ${code}\nОн действует ${minutes} минут. Если вы не запрашивали код, просто проигнорируйте это письмо.`;
      const en = `Your ${env.BRAND_NAME} sign-in code: ${code}\nIt is valid for ${minutes} minutes. If you did not ask for a code, just ignore this letter.`;
      const mail =
        lang === 'en' ? { to: email, subject: `${env.BRAND_NAME}: sign-in code`, text: `${en}\n\n${ru}` } : { to: email, subject: `${env.BRAND_NAME}: код для входа`, text: `${ru}\n\n${en}` };
      try {
        // Not through the mail outbox: a code that arrives late is of no use, so the person hears now.
        await deps.mailer.send(mail, { interactive: true });
      } catch (err) {
        if (!(err instanceof MailSendError)) throw err;
        await withdrawCode(store, email, id);
        // An outage, not a bug: no stack, and MailSendError's message carries no address.
        deps.logger.warn('auth.code_mail_failed', { error: err.message });
        throw mailUnavailable();
      }
      // Where the code went: without SMTP the sign-in page must say where to read it (or that it
      // cannot be read), not send the person to a spam folder that will never hold it.
      return c.json({ ok: true, expiresAt, mail: mailTransport(deps) });
    })
    .post('/verify', async (c) => {
      const { email, code, lang } = await readJson(c, verifyCodeSchema);
      await verifiesPerIp.enforce(clientIp(c, env.TRUST_PROXY), TOO_MANY);
      const now = clock.now();
      const { consentVersion } = await consumeCode(store, email, code, now);
      const role = env.OPERATOR_EMAILS.includes(email) ? 'operator' : 'licensee';
      let [account] = await db.select().from(accounts).where(eq(accounts.email, email));
      let created = false;
      if (!account) {
        // Two first sign-ins of one address at once (two codes, maybe two processes): one insert
        // makes the account, the other signs in to it.
        [account] = await db
          .insert(accounts)
          .values({ id: newId('acc'), email, role, tariffId: 'free', periodAnchorAt: now, consentAt: now, consentVersion, createdAt: now, lastLoginAt: now, lang })
          .onConflictDoNothing({ target: accounts.email })
          .returning();
        created = account !== undefined;
        account ??= (await db.select().from(accounts).where(eq(accounts.email, email)))[0]!;
      }
      // The dashboard's language at this sign-in is the one the account's mails are written in.
      if (!created)
        await db
          .update(accounts)
          .set({ lastLoginAt: now, role, ...(lang ? { lang } : {}) })
          .where(eq(accounts.id, account.id));
      const session = await createSession(db, account.id, now);
      const csrfToken = setSessionCookies(c, deps, session.token, session.expiresAt);
      return c.json({ accountId: account.id, csrfToken });
    })
    .post('/logout', requireSession(deps), async (c) => {
      await db.delete(sessions).where(eq(sessions.id, c.get('sessionId')));
      clearSessionCookies(c);
      deps.live.closeAccount(c.get('account').id);
      return c.json({ ok: true });
    })
    .post('/logout-all', requireSession(deps), async (c) => {
      // The person's sessions, not the team account's: a member signs out only themselves.
      await db.delete(sessions).where(eq(sessions.accountId, c.get('person').id));
      clearSessionCookies(c);
      deps.live.closeAccount(c.get('account').id);
      return c.json({ ok: true });
    });
}

/** 503 with Retry-After: the SMTP server did not take the code's mail, and nothing was counted. */
const mailUnavailable = () => new AppError(503, 'mail_unavailable', 'Не удалось отправить письмо с кодом: почтовый сервер не отвечает. Попробуйте через минуту.', undefined, { 'retry-after': '60' });

export function createMeRoutes(deps: AppDeps) {
  return new Hono<AuthedEnv>()
    .delete('/', requireSession(deps), async (c) => {
      const { confirmEmail } = await readJson(c, deleteAccountSchema);
      const account = c.get('account');
      if (confirmEmail !== account.email) throw new AppError(422, 'validation_failed', 'Введите e-mail аккаунта, чтобы подтвердить удаление');
      await deleteAccount(deps.store, account.id, deps.clock.now(), 'licensee_request');
      deps.invalidations.account(account.id);
      clearSessionCookies(c);
      deps.live.closeAccount(account.id);
      deps.logger.info('lifecycle.account_deleted', { accountId: account.id, basis: 'licensee_request' });
      return c.body(null, 204);
    })
    .patch('/settings', requireSession(deps), async (c) => {
      // The person's own row (in a team's account too): their mails follow their dashboard.
      const { lang } = await readJson(c, accountSettingsSchema);
      const { accounts } = deps.store.db.tables;
      await deps.store.db
        .update(accounts)
        .set({ lang })
        .where(eq(accounts.id, c.get('person').id));
      return c.json({ lang });
    })
    .get('/', requireSession(deps), (c) => {
      const account = c.get('account');
      const now = deps.clock.now();
      const tariff = tariffOf(account);
      return c.json({
        id: account.id,
        email: account.email,
        // The person's own role (operator or not), and their role in the account they work in.
        role: c.get('person').role,
        person: c.get('person').email,
        teamRole: c.get('teamRole'),
        /**
         * The person's language (their own row, as PATCH /api/me/settings sets it): their mails are
         * written in it, and a dashboard with no language chosen on its device starts in it.
         */
        lang: c.get('person').lang,
        csrfToken: c.get('csrfToken'),
        tariff: {
          id: tariff.id,
          name: tariff.name,
          limits: limitsOf(account),
          /** Per widget type: may it be switched on, and which tariff allows it if not. */
          widgetTypes: Object.fromEntries(WIDGET_TYPES.map((type) => [type, widgetTypeAllowance(account, type)])) as Record<WidgetType, Allowance>,
        },
        period: { start: periodStartAt(account, now), end: periodEndAt(account, now) },
        blocked: account.blockedAt ? { at: account.blockedAt, reason: account.blockReason } : null,
      });
    });
}
