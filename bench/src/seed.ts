// The bench's data, set up through the public dashboard API of a development instance on the
// same SQLite file (sign-in codes come from its dev outbox; an operator switches tariffs), before
// the file is reopened by the production server under test. Going through the API rather than
// writing rows keeps the bench free of schema knowledge: whatever the dashboard creates is what
// gets measured.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startPlatform } from '../../tests/e2e/support/platform.js';
import { must, signIn, type BenchSession } from './session.js';
import { MEASURED_TYPES, widgetInput, type MeasuredType } from './widgets.js';

const ROOT = resolve(import.meta.dirname, '../..');
/** The operator of every development instance the bench sets data up through (OPERATOR_EMAILS). */
export const OPERATOR = 'ops@bench.widgetry.test';

/** Pages of the host site live on 127.0.0.1 (the API is on localhost: another origin). */
export const HOST_DOMAIN = '127.0.0.1';
/** The domain the autocannon scenarios claim in their Origin header. */
export const LOAD_ORIGIN = 'https://shop.bench.example';

export interface InstalledSite {
  siteId: string;
  siteKey: string;
  widgetId: string;
}

export type TypeSite = InstalledSite | { na: string };

export interface CapAccount extends InstalledSite {
  session: BenchSession;
  cap: number;
}

export interface BenchData {
  /** Account with the Free tariff's look (badge on) but room for one site per measured type. */
  embed: {
    session: BenchSession;
    /** Its only widget is limited to /checkout pages: the host page has no eligible widget. */
    quiet: InstalledSite;
    /**
     * A form widget beside a pop-up limited to /checkout pages: the page shows the form alone, but
     * the site mixes types, so it takes the split runtime (rt/form.js + the shared chunk), not rt/solo/.
     * A pop-up takes no slot: no layout manager on a desktop.
     */
    mixed: InstalledSite;
    /**
     * A form widget beside a quiz limited to /checkout pages: two types that both take a slot, so
     * the config asks for the layout manager (`lm`) on every page, this one too (part 2 only).
     */
    mixedSlots: InstalledSite;
    types: Record<MeasuredType, TypeSite>;
  };
  /** Start tariff (no impression cap): config, events and leads under load. */
  load: InstalledSite;
  /** Individual tariffs with an impression cap, one per correctness run. */
  caps: CapAccount[];
  /** A realtime project on the largest tariff, paid for a month (part 6). */
  realtime: RealtimeProject;
}

export interface RealtimeProject {
  session: BenchSession;
  projectId: string;
  appId: string;
  key: string;
  /**
   * No secret here: the development instance seals it under its own INTEGRATIONS_KEY, which the
   * production server under test does not have; part 6 rotates the secret there.
   */
}

const rtBuilt = (type: string) => existsSync(join(ROOT, 'dist/public/rt', `${type}.js`));

/**
 * Runs `setUp` against a development instance on the database `env` names (DATABASE_PATH or
 * DATABASE_URL), with the bench's operator; stops the instance after. A failure carries its output.
 */
export async function onDevelopmentInstance<T>(env: Record<string, string | undefined>, setUp: (base: string) => Promise<T>): Promise<T> {
  const dev = await startPlatform({ OPERATOR_EMAILS: OPERATOR, LOG_LEVEL: 'warn', ...env });
  try {
    return await setUp(dev.url);
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.message : e}\n--- development server output ---\n${dev.output()}`);
  } finally {
    await dev.stop();
  }
}

/** `owner`'s account on the Start tariff (no impression cap), with a site on the load origin and a form widget on it. */
export async function installFormOnStart(base: string, ops: BenchSession, owner: BenchSession, siteName: string): Promise<InstalledSite> {
  await must(ops, base, 'PUT', `/api/admin/accounts/${owner.accountId}/tariff`, { tariffId: 'start' }, 200);
  const site = await must<{ id: string; siteKey: string }>(owner, base, 'POST', '/api/sites', { name: siteName, domains: [new URL(LOAD_ORIGIN).hostname] }, 201);
  const widget = await must<{ id: string }>(owner, base, 'POST', '/api/widgets', widgetInput('form', site.id), 201);
  return { siteId: site.id, siteKey: site.siteKey, widgetId: widget.id };
}

export function seed(dbPath: string, capSizes: readonly number[]): Promise<BenchData> {
  return onDevelopmentInstance({ DATABASE_PATH: dbPath }, async (base) => {
    const ops = await signIn(base, OPERATOR);
    const setTariff = (accountId: string, body: unknown) => must(ops, base, 'PUT', `/api/admin/accounts/${accountId}/tariff`, body, 200);
    const install = async (s: BenchSession, domain: string, input: (siteId: string) => Record<string, unknown>): Promise<InstalledSite> => {
      const site = await must<{ id: string; siteKey: string }>(s, base, 'POST', '/api/sites', { name: `Bench ${domain}`, domains: [domain] }, 201);
      const widget = await must<{ id: string }>(s, base, 'POST', '/api/widgets', input(site.id), 201);
      return { siteId: site.id, siteKey: site.siteKey, widgetId: widget.id };
    };

    const embedSession = await signIn(base, 'embed@bench.widgetry.test');
    await setTariff(embedSession.accountId, {
      tariffId: 'individual',
      individualLimits: { activeWidgets: null, widgetTypes: 'all', impressionsPerPeriod: null, sites: null, badge: true, integrations: ['email'] },
    });
    const quiet = await install(embedSession, HOST_DOMAIN, (siteId) => widgetInput('form', siteId, { urlRule: { match: 'starts_with', value: '/checkout' } }));
    const mixed = await install(embedSession, HOST_DOMAIN, (siteId) => widgetInput('form', siteId));
    await must(embedSession, base, 'POST', '/api/widgets', widgetInput('popup', mixed.siteId, { urlRule: { match: 'starts_with', value: '/checkout' } }), 201);
    const mixedSlots = await install(embedSession, HOST_DOMAIN, (siteId) => widgetInput('form', siteId));
    await must(embedSession, base, 'POST', '/api/widgets', widgetInput('quiz', mixedSlots.siteId, { urlRule: { match: 'starts_with', value: '/checkout' } }), 201);
    const types = {} as Record<MeasuredType, TypeSite>;
    for (const type of MEASURED_TYPES) {
      if (!rtBuilt(type)) {
        types[type] = { na: 'type not built' };
        continue;
      }
      try {
        types[type] = await install(embedSession, HOST_DOMAIN, (siteId) => widgetInput(type, siteId));
      } catch (e) {
        types[type] = { na: `the API refused the bench's ${type} widget (${String(e instanceof Error ? e.message : e).slice(0, 160)})` };
      }
    }

    const loadSession = await signIn(base, 'load@bench.widgetry.test');
    const load = await installFormOnStart(base, ops, loadSession, `Bench ${new URL(LOAD_ORIGIN).hostname}`);

    const caps: CapAccount[] = [];
    for (const [i, cap] of capSizes.entries()) {
      const session = await signIn(base, `cap${i + 1}@bench.widgetry.test`);
      await setTariff(session.accountId, {
        tariffId: 'individual',
        individualLimits: { activeWidgets: 1, widgetTypes: ['form'], impressionsPerPeriod: cap, sites: 1, badge: true, integrations: ['email'] },
      });
      caps.push({ ...(await install(session, new URL(LOAD_ORIGIN).hostname, (siteId) => widgetInput('form', siteId))), session, cap });
    }
    // Realtime: the Pro tariff (20,000 connections, 25 M messages a day) so that no limit is
    // reached; paid by the operator's manual confirmation, as money that came another way.
    const rtSession = await signIn(base, 'realtime@bench.widgetry.test');
    const created = await must<{ project: { id: string; connection: { appId: string; key: string } } }>(
      rtSession,
      base,
      'POST',
      '/api/realtime/projects',
      { name: 'Bench feed', tariffId: 'rt_pro' },
      201,
    );
    const payment = await must<{ id: string }>(rtSession, base, 'POST', `/api/realtime/projects/${created.project.id}/checkout`, { tariffId: 'rt_pro', months: 1 }, 201);
    await must(ops, base, 'POST', `/api/admin/billing/payments/${payment.id}/mark-paid`, {}, 200);
    const realtime = { session: rtSession, projectId: created.project.id, appId: created.project.connection.appId, key: created.project.connection.key };
    return { embed: { session: embedSession, quiet, mixed, mixedSlots, types }, load, caps, realtime };
  });
}
