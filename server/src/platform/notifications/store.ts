// Writes a licensee's in-app notifications. Each has a source key, so the same event (one
// threshold in one period, one operator notice) is stored once however often it is reported.
import type { Db } from '../db/client.js';
import { notifications } from '../db/schema/index.js';
import { randomId } from '../lib/ids.js';

export type NotificationKind = (typeof notifications.$inferInsert)['kind'];

export interface NewNotification {
  accountId: string;
  kind: NotificationKind;
  sourceKey: string;
  params: Record<string, string | number>;
}

/** Stores the notification unless it exists; true when it was new. */
export function createNotification(db: Pick<Db, 'insert'>, n: NewNotification, now: number): boolean {
  const row = db
    .insert(notifications)
    .values({ id: `ntf_${randomId()}`, ...n, createdAt: now })
    .onConflictDoNothing({ target: [notifications.accountId, notifications.kind, notifications.sourceKey] })
    .returning({ id: notifications.id })
    .get();
  return row !== undefined;
}
