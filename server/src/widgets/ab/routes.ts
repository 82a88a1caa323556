// A/B tests of the signed-in licensee's widgets (README "A/B tests"): variants B, C… as copies
// of the widget that differ in any field of the editor, the split of page views, the results,
// and ending a test by promoting a variant. Variant A is the widget itself, edited as ever.
import { and, asc, eq, isNotNull, ne, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { MAX_VARIANTS, VARIANT_LABELS, type AbResults, type AbTestView } from '#contracts/core/ab.js';
import { variantPatchSchema, variantSplitSchema } from '#contracts/schemas/ab.js';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { ownedRow } from '../../platform/db/owned.js';
import type { Db } from '../../platform/db/store.js';
import type { widgets } from '../../platform/db/schema/index.js';
import { AppError, notFound } from '../../platform/lib/errors.js';
import { randomId } from '../../platform/lib/ids.js';
import { readJson } from '../../platform/lib/json-body.js';
import { mergeAndValidate, splitInput } from '../widgets/input.js';
import { assertReadyToActivate } from '../widgets/readiness.js';
import { credibleInterval, posterior, probabilityBest } from './bayes.js';

type WidgetRow = typeof widgets.$inferSelect;

/** Below these the page says there is not enough data yet: every variant's impressions… */
export const MIN_IMPRESSIONS_PER_VARIANT = 100;
/** …and the test's leads. */
export const MIN_LEADS = 10;
/** A variant whose probability of being best reaches this is named the leader. */
export const LEADER_PROBABILITY = 0.95;

const minimums = { impressionsPerVariant: MIN_IMPRESSIONS_PER_VARIANT, leads: MIN_LEADS };

/** Shares as even as whole percents allow; A takes what rounding leaves. */
const evenShares = (variants: number) => Math.floor(100 / (variants + 1));

export function createVariantRoutes(deps: AppDeps) {
  const { store, clock } = deps;
  const { db } = store;
  const { widgets, widgetVariants, variantDailyStats, leads } = db.tables;

  const own = (accountId: string, id: string) => ownedRow(db, widgets, 'Widget', accountId, id);
  const variantsOf = (tx: Db, widgetId: string) => tx.select().from(widgetVariants).where(eq(widgetVariants.widgetId, widgetId)).orderBy(asc(widgetVariants.label));
  type VariantRow = Awaited<ReturnType<typeof variantsOf>>[number];

  /** An active widget's variants are on pages: its site's config must forget them. */
  const invalidate = (w: WidgetRow) => {
    if (w.active) deps.invalidations.site(w.siteId);
  };
  const unblocked = (w: WidgetRow) => {
    if (w.blockedAt) throw new AppError(403, 'forbidden', `Виджет заблокирован оператором: ${w.blockReason ?? ''}`);
    return w;
  };

  const testView = (w: WidgetRow, rows: VariantRow[]): AbTestView => {
    if (rows.length === 0) return { testId: null, startedAt: null, variants: [] };
    const taken = rows.reduce((n, r) => n + r.weight, 0);
    return {
      testId: rows[0]!.testId,
      startedAt: Math.min(...rows.map((r) => r.createdAt)),
      variants: [
        { id: rows[0]!.testId, label: 'A', weight: 100 - taken, control: true, definition: w.definition },
        ...rows.map((r) => ({ id: r.id, label: r.label, weight: r.weight, control: false, definition: r.definition })),
      ],
    };
  };

  /**
   * A variant's whole definition: its current one (or A's, for a new variant) with the patch,
   * checked through the widget's full schema; a variant of a live widget goes live at once, so it
   * must be ready to (consent links, no template examples) as the widget had to be.
   */
  const variantDefinition = (w: WidgetRow, base: WidgetRow['definition'], patch: unknown) => {
    const input = mergeAndValidate({ ...w, definition: base }, patch as Parameters<typeof mergeAndValidate>[1]);
    if (w.active) assertReadyToActivate(input);
    return splitInput(input).definition;
  };

  /**
   * Every change of a test runs under its widget's lock: the count of variants, their labels and
   * shares are read and written together, so two tabs adding a variant cannot both take "C".
   */
  const underLock = <T>(widgetId: string, work: (tx: Db) => Promise<T>) =>
    store.transaction(async (tx) => {
      await store.lock(tx, `variants:${widgetId}`);
      return work(tx);
    });

  const rebalance = async (tx: Db, widgetId: string) => {
    const rows = await variantsOf(tx, widgetId);
    const share = evenShares(rows.length);
    await tx.update(widgetVariants).set({ weight: share }).where(eq(widgetVariants.widgetId, widgetId));
    return rows.map((r) => ({ ...r, weight: share }));
  };

  const variantOf = (rows: VariantRow[], variantId: string) => {
    const row = rows.find((r) => r.id === variantId);
    if (!row) throw notFound('Variant');
    return row;
  };

  const results = async (w: WidgetRow): Promise<AbResults> => {
    const view = testView(w, await variantsOf(db, w.id));
    const ids = view.variants.map((v) => v.id);
    if (ids.length === 0) return { testId: null, startedAt: null, variants: [], enoughData: false, leader: null, minimums };
    const counted = await db
      .select({ id: variantDailyStats.variantId, impressions: sql<number>`coalesce(sum(${variantDailyStats.impressions}), 0)`, clicks: sql<number>`coalesce(sum(${variantDailyStats.clicks}), 0)` })
      .from(variantDailyStats)
      .where(eq(variantDailyStats.widgetId, w.id))
      .groupBy(variantDailyStats.variantId);
    // Leads of the test without those marked as spam (as the statistics count them).
    const leadRows = await db
      .select({ id: leads.variantId, n: sql<number>`count(*)` })
      .from(leads)
      .where(and(eq(leads.widgetId, w.id), isNotNull(leads.variantId), ne(leads.status, 'spam')))
      .groupBy(leads.variantId);
    const figures = view.variants.map(({ definition: _, ...v }) => {
      const c = counted.find((r) => r.id === v.id);
      const impressions = Number(c?.impressions ?? 0);
      const leadCount = Number(leadRows.find((r) => r.id === v.id)?.n ?? 0);
      return { ...v, impressions, clicks: Number(c?.clicks ?? 0), leads: leadCount, conversion: impressions > 0 ? leadCount / impressions : null, post: posterior(leadCount, impressions) };
    });
    const pBest = probabilityBest(figures.map((f) => f.post));
    const enoughData = figures.every((f) => f.impressions >= MIN_IMPRESSIONS_PER_VARIANT) && figures.reduce((n, f) => n + f.leads, 0) >= MIN_LEADS;
    const variants = figures.map(({ post, ...f }, i) => ({ ...f, interval: credibleInterval(post), pBest: pBest[i]! }));
    const leader = enoughData ? (variants.find((v) => v.pBest >= LEADER_PROBABILITY)?.id ?? null) : null;
    return { testId: view.testId, startedAt: view.startedAt, variants, enoughData, leader, minimums };
  };

  return (
    new Hono<AuthedEnv>()
      .get('/:id/variants', async (c) => {
        const w = await own(c.get('account').id, c.req.param('id'));
        return c.json(testView(w, await variantsOf(db, w.id)));
      })
      .get('/:id/variants/results', async (c) => {
        const w = await own(c.get('account').id, c.req.param('id'));
        return c.json(await results(w));
      })
      // A new variant: a copy of A with the body's changes; the shares become even again.
      .post('/:id/variants', async (c) => {
        const patch = await readJson(c, variantPatchSchema);
        const w = unblocked(await own(c.get('account').id, c.req.param('id')));
        const definition = variantDefinition(w, w.definition, patch);
        const rows = await underLock(w.id, async (tx) => {
          const existing = await variantsOf(tx, w.id);
          if (existing.length >= MAX_VARIANTS) throw new AppError(409, 'conflict', `В тесте уже ${MAX_VARIANTS + 1} вариантов: больше нельзя.`);
          const label = VARIANT_LABELS.find((l) => l !== 'A' && !existing.some((r) => r.label === l))!;
          const now = clock.now();
          await tx.insert(widgetVariants).values({
            id: randomId(8),
            accountId: w.accountId,
            widgetId: w.id,
            // A new test gets a new id for A, so kept variants of an ended test do not carry over.
            testId: existing[0]?.testId ?? randomId(8),
            label,
            weight: 0,
            definition,
            createdAt: now,
            updatedAt: now,
          });
          return rebalance(tx, w.id);
        });
        invalidate(w);
        return c.json(testView(w, rows), 201);
      })
      .patch('/:id/variants/:variantId', async (c) => {
        const patch = await readJson(c, variantPatchSchema);
        const w = unblocked(await own(c.get('account').id, c.req.param('id')));
        const rows = await underLock(w.id, async (tx) => {
          const row = variantOf(await variantsOf(tx, w.id), c.req.param('variantId'));
          const definition = variantDefinition(w, row.definition, patch);
          await tx.update(widgetVariants).set({ definition, updatedAt: clock.now() }).where(eq(widgetVariants.id, row.id));
          return variantsOf(tx, w.id);
        });
        invalidate(w);
        return c.json(testView(w, rows));
      })
      .delete('/:id/variants/:variantId', async (c) => {
        const w = await own(c.get('account').id, c.req.param('id'));
        const rows = await underLock(w.id, async (tx) => {
          const row = variantOf(await variantsOf(tx, w.id), c.req.param('variantId'));
          await tx.delete(widgetVariants).where(eq(widgetVariants.id, row.id));
          return rebalance(tx, w.id);
        });
        invalidate(w);
        return c.json(testView(w, rows));
      })
      // The owner's split: every variant, A included, by id; the shares add up to 100 (the schema).
      .put('/:id/variants/split', async (c) => {
        const { weights } = await readJson(c, variantSplitSchema);
        const w = await own(c.get('account').id, c.req.param('id'));
        const rows = await underLock(w.id, async (tx) => {
          const rows = await variantsOf(tx, w.id);
          const ids = rows.length > 0 ? [rows[0]!.testId, ...rows.map((r) => r.id)] : [];
          if (ids.length === 0 || Object.keys(weights).length !== ids.length || !ids.every((id) => id in weights)) {
            throw new AppError(422, 'validation_failed', 'Укажите долю каждого варианта теста, A тоже.', { variants: ids });
          }
          for (const r of rows) await tx.update(widgetVariants).set({ weight: weights[r.id]! }).where(eq(widgetVariants.id, r.id));
          return variantsOf(tx, w.id);
        });
        invalidate(w);
        return c.json(testView(w, rows));
      })
      // Ends the test: the chosen variant's fields become the widget's (A: the widget stays as it
      // is) and the variants go. Their counts stay under their ids, unread by the next test.
      .post('/:id/variants/:variantId/promote', async (c) => {
        const w = unblocked(await own(c.get('account').id, c.req.param('id')));
        const promoted = await underLock(w.id, async (tx) => {
          const rows = await variantsOf(tx, w.id);
          const variantId = c.req.param('variantId');
          const winner = rows[0]?.testId === variantId ? null : variantOf(rows, variantId);
          if (winner) {
            // Checked again: a variant saved while the widget was off may not yet be ready to go live.
            if (w.active) assertReadyToActivate(mergeAndValidate({ ...w, definition: winner.definition }, {}));
            await tx.update(widgets).set({ definition: winner.definition, updatedAt: clock.now() }).where(eq(widgets.id, w.id));
          }
          await tx.delete(widgetVariants).where(eq(widgetVariants.widgetId, w.id));
          return winner?.label ?? 'A';
        });
        invalidate(w);
        return c.json({ promoted: promoted });
      })
  );
}
