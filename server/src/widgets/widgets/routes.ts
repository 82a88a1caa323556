// Widgets of the signed-in licensee: CRUD, activation under the tariff's rules, duplicate.
import { ownedRow, assertOwned } from '../../platform/db/owned.js';
import { and, asc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { widgetInputSchema, widgetPatchSchema, type WidgetInput } from '#contracts/schemas/widget.js';
import type { Db } from '../../platform/db/store.js';
import type { widgets } from '../../platform/db/schema/index.js';
import type { Account, AppDeps, AuthedEnv } from '../../deps.js';
import { AppError } from '../../platform/lib/errors.js';
import { newId } from '../../platform/lib/ids.js';
import { readJson, readQuery } from '../../platform/lib/json-body.js';
import { assertCanActivateWidget, servableWidgetIds } from '../../platform/tariffs/policy.js';
import { assertReadyToActivate } from './readiness.js';
import { serveVerdicts, type ServeVerdict } from './serve-verdicts.js';
import { toEmbedWidget, type WidgetSource } from '#contracts/core/embed-widget.js';
import { createPreviews } from './preview.js';
import { mergeAndValidate, splitInput, toInput } from './input.js';
import { assertVariantsReady } from '../ab/readiness.js';

export const widgetListQuerySchema = z.object({ siteId: z.string().max(64).optional() });

type WidgetRow = typeof widgets.$inferSelect;

/** The reasons the widget list explains (switched off and blocked have their own status). */
const TARIFF_HOLDS = new Set(['limit_widgets', 'type_not_in_tariff', 'impression_cap', 'period_expired', 'account_blocked']);
const tariffHold = (v: ServeVerdict | undefined) => (v?.reason && TARIFF_HOLDS.has(v.reason) ? v : null);

async function activeCount(db: Db, accountId: string, exceptId?: string): Promise<number> {
  const { widgets } = db.tables;
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(widgets)
    .where(and(eq(widgets.accountId, accountId), eq(widgets.active, true), exceptId ? sql`${widgets.id} <> ${exceptId}` : undefined));
  return row?.n ?? 0;
}

export function createWidgetRoutes(deps: AppDeps) {
  const { store, clock } = deps;
  const { db } = store;
  const { sites, widgets } = db.tables;

  const previews = createPreviews(deps);
  const own = (accountId: string, id: string) => ownedRow(db, widgets, 'Widget', accountId, id);
  const assertOwnSite = (accountId: string, siteId: string) => assertOwned(db, sites, 'Site', accountId, siteId);
  const served = async (account: Account) => {
    const active = await db
      .select({ id: widgets.id, type: widgets.type, blockedAt: widgets.blockedAt })
      .from(widgets)
      .where(and(eq(widgets.accountId, account.id), eq(widgets.active, true)))
      .orderBy(asc(widgets.createdAt));
    return servableWidgetIds(account, active);
  };
  /**
   * After a committed write: what the embed configs must forget. A widget counts towards the
   * tariff's cap of served widgets only while active and only by its type, so switching it on or
   * off (or changing the type of an active one) may change what every site of the account
   * serves; editing an active widget changes its site's config only; an inactive one, nothing.
   */
  const invalidate = (accountId: string, before: WidgetRow | undefined, after: WidgetRow | undefined) => {
    if (!before?.active && !after?.active) return;
    if (before?.active !== after?.active || before?.type !== after?.type) return deps.invalidations.account(accountId);
    for (const siteId of new Set([before!.siteId, after!.siteId])) deps.invalidations.site(siteId);
  };
  const view = (w: WidgetRow, servedIds: Set<string>, verdicts?: Map<string, ServeVerdict>) => ({
    id: w.id,
    ...toInput(w),
    served: w.active && servedIds.has(w.id),
    notServed: tariffHold(verdicts?.get(w.id)),
    blocked: w.blockedAt ? { at: w.blockedAt, reason: w.blockReason } : null,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  });

  /**
   * Writes a widget; when it ends up active, the limit check and the write share one transaction,
   * under the account's widgets lock so that two parallel activations cannot both pass the limit.
   */
  const save = async (account: Account, input: WidgetInput, existingId?: string): Promise<WidgetRow> => {
    if (input.active) assertReadyToActivate(input);
    if (input.active && existingId) await assertVariantsReady(db, existingId, input);
    const parts = splitInput(input);
    const now = clock.now();
    return store.transaction(async (tx) => {
      if (input.active) {
        await store.lock(tx, `widgets:${account.id}`);
        const wasActive = existingId ? (await tx.select({ a: widgets.active }).from(widgets).where(eq(widgets.id, existingId)))[0]?.a : false;
        if (!wasActive) assertCanActivateWidget(account, input.type, await activeCount(tx, account.id, existingId));
      }
      if (existingId)
        return (
          await tx
            .update(widgets)
            .set({ ...parts, updatedAt: now })
            .where(eq(widgets.id, existingId))
            .returning()
        )[0]!;
      return (
        await tx
          .insert(widgets)
          .values({ id: newId('wdg'), accountId: account.id, ...parts, createdAt: now, updatedAt: now })
          .returning()
      )[0]!;
    });
  };

  return (
    new Hono<AuthedEnv>()
      .get('/', async (c) => {
        const { siteId } = readQuery(c, widgetListQuerySchema);
        const account = c.get('account');
        const rows = await db
          .select()
          .from(widgets)
          .where(and(eq(widgets.accountId, account.id), siteId ? eq(widgets.siteId, siteId) : undefined))
          .orderBy(asc(widgets.createdAt));
        const servedIds = await served(account);
        // Why a widget is held back by the tariff, with the way out (SPEC §4: limits shown before they bite).
        const verdicts = await serveVerdicts(db, account, clock.now());
        return c.json({ widgets: rows.map((w) => view(w, servedIds, verdicts)) });
      })
      .post('/', async (c) => {
        const input = await readJson(c, widgetInputSchema);
        const account = c.get('account');
        await assertOwnSite(account.id, input.siteId);
        const row = await save(account, input);
        invalidate(account.id, undefined, row);
        return c.json(view(row, await served(account)), 201);
      })
      .get('/:id', async (c) => {
        const account = c.get('account');
        return c.json(view(await own(account.id, c.req.param('id')), await served(account)));
      })
      .patch('/:id', async (c) => {
        const patch = await readJson(c, widgetPatchSchema);
        const account = c.get('account');
        const current = await own(account.id, c.req.param('id'));
        const row = await save(account, mergeAndValidate(current, patch), current.id);
        invalidate(account.id, current, row);
        return c.json(view(row, await served(account)));
      })
      // "Open on my site": the editor's draft (the same body as PATCH), kept for minutes and shown
      // only to the browser that opens the link first (preview.ts). The saved widget is untouched.
      .post('/:id/preview', async (c) => {
        const patch = await readJson(c, widgetPatchSchema);
        const account = c.get('account');
        const current = await own(account.id, c.req.param('id'));
        if (current.blockedAt) throw new AppError(403, 'forbidden', `Виджет заблокирован оператором: ${current.blockReason ?? ''}`);
        const input = mergeAndValidate(current, patch);
        const [site] = await db
          .select()
          .from(sites)
          .where(and(eq(sites.id, input.siteId), eq(sites.accountId, account.id)));
        if (!site) throw new AppError(404, 'not_found', 'Site not found');
        const { definition, type } = splitInput(input);
        const widget = toEmbedWidget(current.id, { ...(definition as WidgetSource), type }, site.timezone, clock.now());
        if (!widget) throw new AppError(422, 'widget_not_ready', 'Nothing to show: the countdown has ended');
        const { token, expiresAt } = await previews.mint({ accountId: account.id, widgetId: current.id, site, widget });
        return c.json({ token, expiresAt, domains: site.domains });
      })
      .post('/:id/duplicate', async (c) => {
        const account = c.get('account');
        const current = await own(account.id, c.req.param('id'));
        // A copy must not be a way around the operator's block.
        if (current.blockedAt) throw new AppError(403, 'forbidden', `Виджет заблокирован оператором: ${current.blockReason ?? ''}`);
        // The copy starts inactive, so duplicating never runs into the active-widget limit.
        const row = await save(account, { ...toInput(current), name: `${current.name} (копия)`.slice(0, 100), active: false });
        return c.json(view(row, await served(account)), 201);
      })
      .delete('/:id', async (c) => {
        const account = c.get('account');
        const current = await own(account.id, c.req.param('id'));
        await db.delete(widgets).where(eq(widgets.id, current.id));
        invalidate(account.id, current, undefined);
        return c.body(null, 204);
      })
  );
}
