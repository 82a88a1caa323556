// "Open on my site" (SPEC §11): the editor's draft of a widget, shown on the owner's own page
// through a short-lived signed token (?widgetry_preview=TOKEN), to the owner's browser only.
// - The draft is stored server-side (widget_previews) for PREVIEW_TTL_MS, so the token stays
//   short enough for a URL and says nothing about the widget.
// - The token is `{row id}.{expiry, base36}.{HMAC-SHA256}` over the row id, widget, account and
//   expiry, with a key derived from the app's sealing key: a token whose parts were changed, or
//   that another installation made, does not verify.
// - The first browser tab that redeems it binds it to its own random key (kept in that tab's
//   sessionStorage by rt/debug.js); every other tab or browser is refused, so a copied link
//   shows nothing. Redeeming counts nothing: no impression, no event.
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { EmbedConfig, EmbedWidget } from '#contracts/core/embed.js';
import type { AppDeps } from '../../deps.js';
import { MINUTE } from '../../platform/lib/clock.js';
import { safeEqual } from '../../platform/lib/crypto.js';
import { AppError, notFound } from '../../platform/lib/errors.js';
import { randomId } from '../../platform/lib/ids.js';

export const PREVIEW_TTL_MS = 10 * MINUTE;
const TOKEN_SHAPE = /^([a-z0-9]{16})\.([a-z0-9]{1,12})\.([A-Za-z0-9_-]{43})$/;
/** The browser tab's random key (rt/debug.js makes 22 base64url characters). */
export const BROWSER_KEY_SHAPE = /^[A-Za-z0-9_-]{16,64}$/;

/** GET /v1/preview/{token}?k=: the browser tab's key (checked against BROWSER_KEY_SHAPE when redeemed). */
export const previewRedeemQuerySchema = z.object({ k: z.string().max(64) });

export interface PreviewDraft {
  accountId: string;
  widgetId: string;
  site: { siteKey: string; timezone: string };
  widget: EmbedWidget;
}

export function createPreviews(deps: Pick<AppDeps, 'store' | 'sealer' | 'clock'>) {
  const { db } = deps.store;
  const { widgetPreviews } = db.tables;
  let key: Buffer | undefined;
  // Its own key, derived: a MAC made for previews means nothing to anything else sealed.
  const macKey = () => (key ??= createHmac('sha256', deps.sealer.key()).update('widgetry widget preview v1').digest());
  const mac = (id: string, widgetId: string, accountId: string, exp: string) => createHmac('sha256', macKey()).update(`${id}|${widgetId}|${accountId}|${exp}`).digest('base64url');

  return {
    async mint(draft: PreviewDraft): Promise<{ token: string; expiresAt: number }> {
      const now = deps.clock.now();
      const id = randomId();
      const expiresAt = now + PREVIEW_TTL_MS;
      // Expired drafts go whenever a new one is made: the table holds minutes of drafts, not history.
      await db.delete(widgetPreviews).where(lt(widgetPreviews.expiresAt, now));
      await db.insert(widgetPreviews).values({
        id,
        accountId: draft.accountId,
        widgetId: draft.widgetId,
        entry: { site: draft.site.siteKey, tz: draft.site.timezone, widget: draft.widget },
        expiresAt,
      });
      const exp = expiresAt.toString(36);
      return { token: `${id}.${exp}.${mac(id, draft.widgetId, draft.accountId, exp)}`, expiresAt };
    },

    /** The draft as an embed config of one widget; refuses what is tampered, expired or another browser's. */
    async redeem(token: string, browserKey: string): Promise<EmbedConfig> {
      const m = TOKEN_SHAPE.exec(token);
      if (!m || !BROWSER_KEY_SHAPE.test(browserKey)) throw notFound('Preview');
      const [, id, exp] = m as unknown as [string, string, string, string];
      const [row] = await db.select().from(widgetPreviews).where(eq(widgetPreviews.id, id));
      if (!row || !safeEqual(m[3]!, mac(id, row.widgetId, row.accountId, exp)) || parseInt(exp, 36) !== row.expiresAt) throw notFound('Preview');
      if (row.expiresAt <= deps.clock.now()) throw new AppError(404, 'code_expired', 'The preview link has expired: open it again from the editor');
      if (row.browserKey === null) {
        // First redemption: this tab's key, unless another tab got there in between (checked below).
        await db
          .update(widgetPreviews)
          .set({ browserKey })
          .where(and(eq(widgetPreviews.id, id), isNull(widgetPreviews.browserKey)));
      }
      const [bound] = await db.select({ k: widgetPreviews.browserKey }).from(widgetPreviews).where(eq(widgetPreviews.id, id));
      if (bound?.k !== browserKey) throw new AppError(403, 'forbidden', 'This preview link was opened in another browser: open it again from the editor');
      const widget = row.entry.widget as EmbedWidget;
      return { site: row.entry.site, badge: null, widgets: [widget], ...(widget.rules ? { tz: row.entry.tz } : {}) };
    },
  };
}
export type Previews = ReturnType<typeof createPreviews>;
