// Writes a licensee's in-app notifications. Each has a source key, so the same event (one
// threshold in one period, one operator notice) is stored once however often it is reported.
import type { notifications } from '../db/schema/index.js';
import type { Db } from '../db/store.js';
import { randomId } from '../lib/ids.js';

export type NotificationKind = (typeof notifications.$inferInsert)['kind'];

export interface NewNotification {
  accountId: string;
  kind: NotificationKind;
  sourceKey: string;
  params: Record<string, string | number>;
}

/** Stores the notification unless it exists; true when it was new. */
export async function createNotification(db: Pick<Db, 'insert' | 'tables'>, n: NewNotification, now: number): Promise<boolean> {
  const { notifications } = db.tables;
  const [row] = await db
    .insert(notifications)
    .values({ id: `ntf_${randomId()}`, ...n, createdAt: now })
    .onConflictDoNothing({ target: [notifications.accountId, notifications.kind, notifications.sourceKey] })
    .returning({ id: notifications.id });
  return row !== undefined;
}
