// The smallest account and realtime project a log row may point at (the realtime logs and day
// counters have foreign keys to both): for tests and measurements of the log writer alone.
import type { Store } from '../platform/db/store.js';

export const ROW_ACCOUNT_ID = 'acc_1';
export const ROW_PROJECT_ID = 'prj_1';

export async function insertRealtimeProjectRow(store: Store): Promise<void> {
  const { accounts, realtimeProjects } = store.tables;
  await store.db.insert(accounts).values({ id: ROW_ACCOUNT_ID, email: 'rt@example.ru', periodAnchorAt: 0, consentAt: 0, consentVersion: 'v1', createdAt: 0 });
  await store.db.insert(realtimeProjects).values({
    id: ROW_PROJECT_ID,
    accountId: ROW_ACCOUNT_ID,
    name: 'p',
    appId: '1',
    key: 'k',
    secretSealed: 's',
    secretHint: 'h',
    secretRotatedAt: 0,
    allowedOrigins: [],
    lastActivityAt: 0,
    createdAt: 0,
    updatedAt: 0,
  });
}
