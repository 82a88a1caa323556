// Test harness: a fresh app on a database of its own (SQLite or PostgreSQL, the vitest
// project's engine), a manual clock and the dev outbox — no mocks. Also signs people in the way
// a browser does.
import { eq } from 'drizzle-orm';
import { createApp } from '../app.js';
import { composeDeps } from '../compose.js';
import type { AppInputs } from '../deps.js';
import { openTestStore } from './test-store.js';
import { authedInit, signedInFrom } from './signed-in.js';
import { testEnv } from '../env.js';
import { bannerWidgetInput, formWidgetInput } from './widget-inputs.js';
import { createManualClock } from '../platform/lib/clock.js';
import { createLogger } from '../platform/lib/logger.js';
import { createDevOutbox } from '../platform/mail/mailer.js';

export const TEST_SNIPPET_TEMPLATE =
  '<script>window.widgetry=window.widgetry||function(){(widgetry.q=widgetry.q||[]).push(arguments)}</script><script async src="{{PUBLIC_URL}}/loader.js" data-site="{{SITE_KEY}}"></script>';

/** A desktop Chromium's User-Agent: what the bot filter lets through (embed tests send it with events and leads). */
export const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';

export interface TestAppOptions {
  env?: Record<string, string>;
  /** SQLite only: open (and migrate) this file instead of a copy of the template. */
  dbPath?: string;
  /** Extra or replaced dependencies (e.g. a YooKassa client pointed at the local fake). */
  deps?: Partial<AppInputs>;
}

export async function createTestApp(options: TestAppOptions = {}) {
  const { store, dir, cleanup } = await openTestStore({ sqlitePath: options.dbPath });
  const clock = createManualClock(Date.UTC(2026, 10, 1, 9, 0, 0));
  const env = testEnv({ TRUST_PROXY: 'on', LEAD_MIN_FILL_MS: '1000', ...options.env });
  const logLines: string[] = [];
  const logger = createLogger('debug', (l) => logLines.push(l));
  const devOutbox = createDevOutbox(logger, clock.now);
  const deps = await composeDeps({ store, env, clock, logger, mailer: devOutbox, devOutbox, snippetTemplate: TEST_SNIPPET_TEMPLATE, ...options.deps });
  const app = createApp(deps);
  return { app, deps, store, clock, env, devOutbox, logLines, dir, cleanup };
}

export { bannerWidgetInput, formWidgetInput };

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

export interface Session {
  accountId: string;
  cookie: string;
  csrf: string;
  /** Authenticated JSON request as the dashboard makes it. */
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** A dashboard GET, its status and its JSON body. */
export async function getJson(session: Session, path: string) {
  const res = await session.request('GET', path);
  return { status: res.status, body: (await res.json()) as any };
}

export function lastCodeFor(t: TestApp, email: string): string {
  const mail = t.devOutbox.list().find((m) => m.to === email.toLowerCase());
  const code = mail?.text.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code mailed to ${email}`);
  return code;
}

let ipCounter = 1;
/** A distinct client IP per call, so rate limits per IP do not couple unrelated tests. */
export const freshIp = () => `10.0.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;

/** Signs in by e-mail code; `lang`: the dashboard's language at sign-in (the account's mails follow it). */
export async function signIn(t: TestApp, email: string, lang?: 'ru' | 'en'): Promise<Session> {
  const ip = freshIp();
  const json = { 'content-type': 'application/json', 'x-forwarded-for': ip };
  const asked = await t.app.request('/api/auth/code', { method: 'POST', headers: json, body: JSON.stringify({ email, consent: true }) });
  if (asked.status !== 200) throw new Error(`code request failed: ${asked.status} ${await asked.text()}`);
  const res = await t.app.request('/api/auth/verify', { method: 'POST', headers: json, body: JSON.stringify({ email, code: lastCodeFor(t, email), lang }) });
  if (res.status !== 200) throw new Error(`verify failed: ${res.status} ${await res.text()}`);
  const signed = await signedInFrom(res);
  return {
    accountId: signed.accountId,
    cookie: signed.cookie,
    csrf: signed.csrf,
    request: async (method, path, body, headers = {}) => await t.app.request(path, authedInit(signed, method, body, { 'x-forwarded-for': ip, ...headers })),
  };
}

/** Creates a site on shop.example.ru and returns its JSON. */
export async function createSite(session: Session, domains = ['shop.example.ru']) {
  const res = await session.request('POST', '/api/sites', { name: 'Shop', domains });
  if (res.status !== 201) throw new Error(`site create failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; siteKey: string; snippet: string; domains: string[] };
}

/** Switches an account's tariff directly, as the operator API does. */
export async function setTariff(t: TestApp, accountId: string, tariffId: string) {
  const { accounts } = t.store.tables;
  await t.store.db.update(accounts).set({ tariffId }).where(eq(accounts.id, accountId));
  t.deps.invalidations.account(accountId);
}
