// A widget's A/B variants go live with it: switching it on checks each variant as the widget is
// checked (consent links, no template examples), since a variant saved while the widget was off
// was not checked then, and a live variant without consent links would collect leads without them.
import { asc, eq } from 'drizzle-orm';
import type { WidgetInput } from '#contracts/schemas/widget.js';
import type { Db } from '../../platform/db/store.js';
import { AppError } from '../../platform/lib/errors.js';
import { mergeAndValidate } from '../widgets/input.js';
import { assertReadyToActivate } from '../widgets/readiness.js';

export async function assertVariantsReady(db: Db, widgetId: string, input: WidgetInput): Promise<void> {
  const { widgetVariants } = db.tables;
  const rows = await db.select().from(widgetVariants).where(eq(widgetVariants.widgetId, widgetId)).orderBy(asc(widgetVariants.label));
  for (const v of rows) {
    try {
      assertReadyToActivate(mergeAndValidate({ name: input.name, siteId: input.siteId, active: true, type: input.type, definition: v.definition }, {}));
    } catch (err) {
      // The same refusal, naming the variant whose fields it is about.
      if (err instanceof AppError) throw new AppError(422, err.code, `Вариант ${v.label}: ${err.message}`, { ...(err.details as object), variant: v.label });
      throw err;
    }
  }
}
