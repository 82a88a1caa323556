// What the server under test still has to do once the bench's requests stop: the lead
// notifications the load queued, read from the database file (read-only, beside the server).
import Database from 'better-sqlite3';

export function pendingDeliveries(dbPath: string): number {
  const sqlite = new Database(dbPath, { readonly: true });
  try {
    return (sqlite.prepare("select count(*) as n from deliveries where status = 'pending'").get() as { n: number }).n;
  } finally {
    sqlite.close();
  }
}
