// The erasure journal (schema/erasures.ts): every path that destroys or deletes personal data
// writes the ids it removed here, inside its own transaction, so the journal and the deletion
// commit together or not at all. A restore replays it (replay.ts).
import { lt } from 'drizzle-orm';
import type { Db } from '../db/store.js';
import type { ERASURE_BASES, ERASURE_KINDS } from '../db/schema/erasures.js';
import { newId } from '../lib/ids.js';

export type ErasureKind = (typeof ERASURE_KINDS)[number];
export type ErasureBasis = (typeof ERASURE_BASES)[number];

/** Rows per INSERT: 5 parameters each stays far below either engine's limit on parameters. */
const CHUNK = 1000;

/** Journals `ids` as erased; call it inside the transaction that deleted them. */
export async function journalErasures(tx: Db, kind: ErasureKind, ids: readonly (string | number)[], basis: ErasureBasis, now: number): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = ids.slice(i, i + CHUNK).map((id) => ({ id: newId('ers'), kind, subjectId: String(id), basis, erasedAt: now }));
    await tx.insert(tx.tables.erasures).values(rows);
  }
}

/**
 * Drops entries older than `before`: once no backup that could hold their records is left
 * (backups are removed after BACKUP_RETENTION_DAYS), they have nothing left to erase.
 */
export async function purgeErasuresBefore(db: Db, before: number): Promise<number> {
  const { erasures } = db.tables;
  return (await db.delete(erasures).where(lt(erasures.erasedAt, before)).returning({ id: erasures.id })).length;
}
