// The only place that knows limits: every "may this account do X?" question is answered here.
import { and, eq, sql } from 'drizzle-orm';
import type { ServeReason } from '#contracts/core/debug.js';
import type { WidgetType } from '#contracts/core/widget.js';
import type { Db } from '../db/store.js';
import { AppError } from '../lib/errors.js';
import { PERIOD_MS, TARIFFS, UPGRADE_ORDER, type Integration, type Tariff, type TariffId, type TariffLimits } from './catalogue.js';

export interface TariffHolder {
  id: string;
  tariffId: string;
  individualLimits: TariffLimits | null;
  periodAnchorAt: number;
}

export function tariffOf(account: Pick<TariffHolder, 'tariffId'>): Tariff {
  return TARIFFS[account.tariffId as TariffId] ?? TARIFFS.free;
}

export function limitsOf(account: Pick<TariffHolder, 'tariffId' | 'individualLimits'>): TariffLimits {
  if (account.tariffId === 'individual' && account.individualLimits) return account.individualLimits;
  return tariffOf(account).limits;
}

const allowsType = (limits: TariffLimits, type: WidgetType) => limits.widgetTypes === 'all' || limits.widgetTypes.includes(type);
const above = (limit: number | null, n: number) => limit === null || limit > n;

export interface TariffRef {
  id: TariffId;
  name: { ru: string; en: string };
}

/** The cheapest standard tariff where `ok` holds: named in refusals and offers as the way out. */
function upgradeFor(ok: (l: TariffLimits) => boolean): TariffRef | null {
  const t = UPGRADE_ORDER.map((id) => TARIFFS[id]).find((tariff) => ok(tariff.limits));
  return t ? { id: t.id, name: t.name } : null;
}

/** Whether the account's tariff has something, and if not, the tariff that has it. */
export interface Allowance {
  allowed: boolean;
  upgradeTo: TariffRef | null;
}

const allowance = (account: TariffHolder, ok: (l: TariffLimits) => boolean): Allowance => (ok(limitsOf(account)) ? { allowed: true, upgradeTo: null } : { allowed: false, upgradeTo: upgradeFor(ok) });

function refusal(
  code: 'limit_widgets' | 'limit_sites' | 'type_not_in_tariff' | 'integration_not_in_tariff',
  what: string,
  account: TariffHolder,
  ok: (l: TariffLimits) => boolean,
  limit?: number | null,
) {
  const upgrade = upgradeFor(ok);
  const tariff = tariffOf(account);
  const hint = upgrade ? ` Тариф «${upgrade.name.ru}» позволяет больше.` : '';
  return new AppError(403, code, `${what} Тариф «${tariff.name.ru}».${hint}`, {
    tariff: tariff.id,
    limit: limit ?? null,
    upgradeTo: upgrade?.id ?? null,
  });
}

/** Throws unless one more widget of `type` may be active. */
export function assertCanActivateWidget(account: TariffHolder, type: WidgetType, activeCount: number): void {
  const limits = limitsOf(account);
  if (!allowsType(limits, type)) {
    throw refusal('type_not_in_tariff', `Тип виджета «${type}» недоступен на вашем тарифе.`, account, (l) => allowsType(l, type));
  }
  if (!above(limits.activeWidgets, activeCount)) {
    throw refusal('limit_widgets', `Достигнут предел активных виджетов: ${limits.activeWidgets}.`, account, (l) => above(l.activeWidgets, activeCount) && allowsType(l, type), limits.activeWidgets);
  }
}

/** Whether widgets of `type` may be switched on, and the tariff that allows it (the dashboard's template list). */
export const widgetTypeAllowance = (account: TariffHolder, type: WidgetType): Allowance => allowance(account, (l) => allowsType(l, type));

/** Whether a lead destination may be connected, and the tariff that has it (the dashboard's list of kinds). */
export const integrationAllowance = (account: TariffHolder, kind: Integration): Allowance => allowance(account, (l) => l.integrations.includes(kind));

/** Whether the tariff includes a lead destination (SPEC §4): checked at connect and at every delivery. */
export const integrationAllowed = (account: TariffHolder, kind: Integration) => limitsOf(account).integrations.includes(kind);

export function assertIntegrationAllowed(account: TariffHolder, kind: Integration): void {
  if (!integrationAllowed(account, kind)) {
    throw refusal('integration_not_in_tariff', `Интеграция «${kind}» недоступна на вашем тарифе.`, account, (l) => l.integrations.includes(kind));
  }
}

export function assertCanAddSite(account: TariffHolder, siteCount: number): void {
  const limits = limitsOf(account);
  if (!above(limits.sites, siteCount)) {
    throw refusal('limit_sites', `Достигнут предел сайтов: ${limits.sites}.`, account, (l) => above(l.sites, siteCount), limits.sites);
  }
}

/** Hosts a licensee tries pages on before they go live: never another site. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
/**
 * The site a host names, roughly its registrable domain: the last two labels (shop.example.ru and
 * example.ru are one site). Without the public suffix list, shop.msk.ru and cafe.msk.ru pass as
 * one site too: the lenient side. An IPv4 address is a site of its own.
 */
const siteOf = (host: string) => (/^\d+(\.\d+){3}$/.test(host) ? host : host.split('.').slice(-2).join('.'));

/**
 * Throws unless the domains fit the tariff's site rule: where the tariff limits the number of
 * sites, a site is one domain with its subdomains (plus local hosts to try pages on), so the
 * site limit cannot be walked around by listing other sites' domains under one site.
 */
export function assertSiteDomainsFit(account: TariffHolder, domains: readonly string[]): void {
  const limits = limitsOf(account);
  if (limits.sites === null) return;
  const sitesNamed = new Set(domains.filter((d) => !LOCAL_HOSTS.has(d)).map(siteOf));
  if (sitesNamed.size > 1) {
    throw refusal('limit_sites', `На этом тарифе сайт — один домен с поддоменами, а здесь их ${sitesNamed.size}: ${[...sitesNamed].join(', ')}.`, account, (l) => l.sites === null, limits.sites);
  }
}

/**
 * Which of the active widgets are served: none for a blocked account; never a blocked widget;
 * after a downgrade, the oldest allowed ones up to the limit.
 */
/**
 * servableWidgetIds as a rule that needs no list of the account's widgets: a widget is served
 * when the account is not blocked, the widget is not blocked, its type is allowed and — when the
 * tariff caps active widgets — it is among the first `limit` widgets passing those checks,
 * oldest first (widgets/embed/servable.ts reads just those from an index).
 */
export function servingRule(account: TariffHolder & { blockedAt?: number | null }): { none: boolean; allows: (type: WidgetType) => boolean; limit: number | null } {
  const limits = limitsOf(account);
  return { none: !!account.blockedAt, allows: (type) => allowsType(limits, type), limit: limits.activeWidgets };
}

export function servableWidgetIds(account: TariffHolder & { blockedAt?: number | null }, activeOldestFirst: readonly { id: string; type: WidgetType; blockedAt?: number | null }[]): Set<string> {
  if (account.blockedAt) return new Set();
  const limits = limitsOf(account);
  const allowed = activeOldestFirst.filter((w) => !w.blockedAt && allowsType(limits, w.type));
  const capped = limits.activeWidgets === null ? allowed : allowed.slice(0, limits.activeWidgets);
  return new Set(capped.map((w) => w.id));
}

/** A widget as whyNotServed reads it. */
export interface ServedCandidate {
  id: string;
  type: WidgetType;
  active: boolean;
  blockedAt?: number | null;
}

/**
 * Why the config leaves a widget out, first reason first (contracts/core/debug.ts ServeReason),
 * or null when it is served: the debug answer and the widget list say the same as the config does.
 * `servable`: servableWidgetIds over the account's active widgets; `suspended`: switched off when
 * a paid period ended unpaid; `capReached`: impressionCapReached now.
 */
export function whyNotServed(
  account: TariffHolder & { blockedAt?: number | null },
  widget: ServedCandidate,
  servable: ReadonlySet<string>,
  suspended: boolean,
  capReached: boolean,
): Exclude<ServeReason, 'domain_not_registered' | 'not_drawable'> | null {
  if (account.blockedAt) return 'account_blocked';
  if (widget.blockedAt) return 'widget_blocked';
  if (!widget.active) return suspended ? 'period_expired' : 'widget_off';
  if (!allowsType(limitsOf(account), widget.type)) return 'type_not_in_tariff';
  if (!servable.has(widget.id)) return 'limit_widgets';
  return capReached ? 'impression_cap' : null;
}

/**
 * The tariff that would serve the widget again, for the reasons a tariff can lift: its type, the
 * number of active widgets (`activeCount` of the account), the impression cap. null otherwise.
 */
export function upgradeToServe(account: TariffHolder, reason: ServeReason | null, type: WidgetType, activeCount: number): TariffRef | null {
  if (reason === 'type_not_in_tariff') return upgradeFor((l) => allowsType(l, type));
  if (reason === 'limit_widgets') return upgradeFor((l) => above(l.activeWidgets, activeCount - 1) && allowsType(l, type));
  if (reason === 'impression_cap') {
    const cap = limitsOf(account).impressionsPerPeriod;
    return upgradeFor((l) => l.impressionsPerPeriod === null || (cap !== null && l.impressionsPerPeriod > cap));
  }
  return null;
}

/**
 * Whether a widget of `type` may take visitors' input on this account now (the chat endpoints
 * ask per request: after a downgrade to Free a chat stops at once, as its widget stops being served).
 */
export const widgetTypeAllowed = (account: TariffHolder & { blockedAt?: number | null }, type: WidgetType) => !account.blockedAt && allowsType(limitsOf(account), type);

export const showsBadge = (account: TariffHolder) => limitsOf(account).badge;

/** Throws unless the tariff's weekly quota of widget requests to the operator has room. */
export function assertCanRequestWidgetWork(account: TariffHolder, requestsInLastWeek: number): void {
  const service = tariffOf(account).managedService;
  if (!service || requestsInLastWeek >= service.requestsPerWeek) {
    const upgrade = UPGRADE_ORDER.map((id) => TARIFFS[id]).find((t) => (t.managedService?.requestsPerWeek ?? 0) > requestsInLastWeek);
    throw new AppError(
      403,
      'limit_service_requests',
      service ? `Запросов на этой неделе: ${requestsInLastWeek} из ${service.requestsPerWeek}.` : 'Запросы на доработку входят в тарифы «Одиночный», «Многофункциональный» и «Сетевой».',
      {
        tariff: tariffOf(account).id,
        limit: service?.requestsPerWeek ?? 0,
        upgradeTo: upgrade?.id ?? null,
      },
    );
  }
}

/** Start of the 30-day impression period containing `now`. */
export function periodStartAt(account: Pick<TariffHolder, 'periodAnchorAt'>, now: number): number {
  const elapsed = Math.max(0, now - account.periodAnchorAt);
  return account.periodAnchorAt + Math.floor(elapsed / PERIOD_MS) * PERIOD_MS;
}

export const periodEndAt = (account: Pick<TariffHolder, 'periodAnchorAt'>, now: number) => periodStartAt(account, now) + PERIOD_MS;

export async function impressionsUsed(db: Db, account: TariffHolder, now: number): Promise<number> {
  const { impressionPeriods } = db.tables;
  const [row] = await db
    .select({ n: impressionPeriods.impressions })
    .from(impressionPeriods)
    .where(and(eq(impressionPeriods.accountId, account.id), eq(impressionPeriods.periodStart, periodStartAt(account, now))));
  return row?.n ?? 0;
}

export async function impressionCapReached(db: Db, account: TariffHolder, now: number): Promise<boolean> {
  const cap = limitsOf(account).impressionsPerPeriod;
  return cap !== null && (await impressionsUsed(db, account, now)) >= cap;
}

export interface ImpressionReservation {
  accepted: number;
  /** The period's impressions after this reservation. */
  used: number;
  cap: number | null;
  /** This reservation took the account to its cap (it was below before): served configs must change now. */
  reachedCap: boolean;
}

export type ReserveImpressions = (account: TariffHolder, wanted: number, now: number) => Promise<ImpressionReservation>;

/**
 * Counts up to `wanted` impressions and says how many were accepted. Its statements are prepared
 * on the handle given and run on it (the events endpoint runs this on every page view): the
 * store's, prepared once per app and called outside any transaction, or a transaction's. Either
 * way it needs no transaction or lock for the cap to hold: each attempt is one upsert whose update
 * only happens while the sum stays within the cap, so no interleaving of requests, in this process
 * or another on the same database, can pass it; the row it returns gives the count after, and the
 * count before is that less what this attempt added. An attempt that does not fit reads the count
 * and asks for what is left; it fails again only if other requests took impressions meanwhile, so
 * it ends at the latest when the cap is reached.
 */
export function prepareReserveImpressions(db: Db): ReserveImpressions {
  const { impressionPeriods } = db.tables;
  const accountId = sql.placeholder('accountId');
  const periodStart = sql.placeholder('periodStart');
  const n = sql.placeholder('n');
  const key = and(eq(impressionPeriods.accountId, accountId), eq(impressionPeriods.periodStart, periodStart));
  const current = db.select({ used: impressionPeriods.impressions }).from(impressionPeriods).where(key).prepare('policy_impressions_current');
  const add = (name: string, capped: boolean) =>
    db
      .insert(impressionPeriods)
      .values({ accountId, periodStart, impressions: n })
      .onConflictDoUpdate({
        target: [impressionPeriods.accountId, impressionPeriods.periodStart],
        set: { impressions: sql`${impressionPeriods.impressions} + ${n}` },
        ...(capped ? { setWhere: sql`${impressionPeriods.impressions} + ${n} <= ${sql.placeholder('cap')}` } : {}),
      })
      .returning({ used: impressionPeriods.impressions })
      .prepare(name);
  const addUncapped = add('policy_impressions_add', false);
  const addWithinCap = add('policy_impressions_add_within_cap', true);

  return async (account, wanted, now) => {
    const cap = limitsOf(account).impressionsPerPeriod;
    const where = { accountId: account.id, periodStart: periodStartAt(account, now) };
    if (cap === null) {
      const [row] = await addUncapped.execute({ ...where, n: wanted });
      return { accepted: wanted, used: row!.used, cap, reachedCap: false };
    }
    // First as if there were room for all of them: the common case, one statement.
    let n = Math.min(wanted, cap);
    for (;;) {
      const [row] = await addWithinCap.execute({ ...where, n, cap });
      if (row) {
        const before = row.used - n;
        return { accepted: n, used: row.used, cap, reachedCap: row.used >= cap && before < cap };
      }
      // Not that many left: ask for what is.
      const used = (await current.execute(where))[0]?.used ?? 0;
      n = Math.min(wanted, cap - used);
      if (n <= 0) return { accepted: 0, used, cap, reachedCap: false };
    }
  };
}

/** How much of a limit is used, in whole percent, at most 100 (0 for no limit). */
export const usedPercent = (used: number, limit: number | null): number => (limit === null || limit <= 0 ? 0 : Math.min(100, Math.floor((used / limit) * 100)));

/** 80 % and 100 % of the cap: the thresholds the licensee is told about. */
export function usageThresholdCrossed(used: number, cap: number | null, alreadyNotified: number): 0 | 80 | 100 {
  if (cap === null || cap === 0) return 0;
  const percent = (used / cap) * 100;
  if (percent >= 100 && alreadyNotified < 100) return 100;
  if (percent >= 80 && alreadyNotified < 80) return 80;
  return 0;
}
