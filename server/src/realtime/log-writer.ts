// The realtime logs (offer 000 §3.5: a row per connection, a row per accepted message) and the
// daily connection statistics, written in batches off the hot path: a connect, a close or a
// publish only appends to a buffer here; the buffer is written in ONE transaction when it holds
// `maxRows` rows or `flushMs` after its first row, whichever comes first. Per-connection costs
// on the event loop were a SQLite transaction per connect and an UPDATE per close (bench part 6).
//
// Crash bound: a process that dies without its shutdown (SIGKILL, power loss) loses at most the
// rows queued in the last `flushMs` (plus a flush under way when the database is slower than
// that). A clean shutdown (SIGTERM/SIGINT, index.ts) flushes before the database closes. A failed
// flush is logged and its rows are queued again for the next one, up to MAX_PENDING_ROWS (then
// the oldest are dropped, loudly) so a database outage cannot exhaust memory. A flush that failed
// for a row's data (PostgreSQL refuses a NUL in text) would fail the same way every time, and no
// message of any project would be logged again: its batch is written again around the rows that
// cannot be stored, which are counted and logged by project and reason, never by value.
//
// With `flushMs` 0 (the tests' environment) every row is written at once and the caller can
// await it (`writeThrough`), so what a test reads right after a request is there.
import { eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Store } from '../platform/db/store.js';
import { RowsNotWritten, unstorableReason, writeSettingAside } from '../platform/db/unstorable-rows.js';
import type { Logger } from '../platform/lib/logger.js';

/** Rows held in memory at most while the database refuses them. */
const MAX_PENDING_ROWS = 200_000;
/**
 * Connection-log rows go in with statements prepared once for these row counts (a batch of 57 is
 * 5 × 10 + 7 × 1), not with a multi-row INSERT built for each batch: building and preparing a
 * statement of a new size on every flush cost more than the rows themselves (bench part 6).
 */
const OPEN_CHUNKS = [100, 10, 1] as const;
/**
 * Closes of rows already written go in the same way: one UPDATE per 100 (10, 1) sessions rather
 * than one per session, whose per-statement cost (binding, the driver's promises) was most of a
 * close's share of the connection log (bench part 6, measured by closing 5,000 sockets).
 */
const CLOSE_CHUNKS = OPEN_CHUNKS;
/**
 * Message-log rows the same way. A multi-row INSERT built by drizzle for each batch (500 rows at a
 * time, then the rest) was two thirds of the log's CPU per publish: drizzle walks every value of
 * the batch to write its SQL, and the rest's size made a new statement to prepare each time.
 */
const MESSAGE_CHUNKS = OPEN_CHUNKS;
const OPEN_COLUMNS = ['socketId', 'projectId', 'accountId', 'ip', 'userAgent', 'origin', 'connectedAt', 'disconnectedAt', 'closeCode'] as const;
const CLOSE_COLUMNS = ['socketId', 'at', 'code'] as const;
const MESSAGE_COLUMNS = ['projectId', 'accountId', 'at', 'source', 'event', 'channels', 'socketId', 'ip', 'recipients', 'payloadBytes', 'payload'] as const;
/** The channels go in as JSON text (SQLite's TEXT, PostgreSQL's jsonb read from text). */
const MESSAGE_ENCODERS = { channels: (v: unknown) => JSON.stringify(v) };

/** A statement prepared for `size` rows, with its placeholders' names in the order rows and columns fill them. */
interface ChunkStatement {
  size: number;
  names: string[];
  stmt: { execute(params: Record<string, unknown>): Promise<unknown> };
}

/** `{column}{i}` for each row i and column, row by row. */
function placeholderNames(size: number, columns: readonly string[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < size; i++) for (const c of columns) names.push(`${c}${i}`);
  return names;
}

export interface ConnectionOpenRow {
  socketId: string;
  projectId: string;
  accountId: string;
  ip: string | null;
  userAgent: string | null;
  origin: string | null;
  connectedAt: number;
  disconnectedAt?: number | null;
  closeCode?: number | null;
}

export interface MessageLogRow {
  projectId: string;
  accountId: string;
  at: number;
  source: 'api' | 'client';
  event: string;
  channels: string[];
  socketId: string | null;
  ip: string | null;
  recipients: number;
  payloadBytes: number;
  payload: string;
}

export interface RealtimeLogWriter {
  /**
   * A session opened: its log row, the day's counters (connections opened, peak `open`) and the
   * project's activity. The writer keeps `row` itself until it is written (a close completes it).
   */
  opened(row: ConnectionOpenRow, day: string, open: number): void;
  /** A session closed: its row gets the time and the code (in the same INSERT when the open is still queued). */
  closed(socketId: string, at: number, code: number): void;
  /** Accepted messages' rows. */
  messages(rows: MessageLogRow[]): void;
  /** True when `flushMs` is 0: callers await `flush()` after queueing, as a synchronous write. */
  readonly writeThrough: boolean;
  /** Resolves when everything queued before the call is written (or its failure logged). */
  flush(): Promise<void>;
  /** Rows queued and not yet written. */
  pending(): number;
  /** Rows set aside since the start because the database cannot store them (a metric). */
  unstorable(): number;
}

export interface LogWriterOptions {
  flushMs: number;
  maxRows?: number;
  /** The bench's "log write skipped" variant: rows are dropped (never in production). */
  discard?: boolean;
}

export function createRealtimeLogWriter(store: Store, logger: Logger, options: LogWriterOptions): RealtimeLogWriter {
  const { db } = store;
  const { realtimeConnectionLogs, realtimeMessageLogs, realtimeProjects, realtimeUsageDaily } = db.tables;
  const maxRows = options.maxRows ?? 1000;
  const ph = (name: string) => sql.placeholder(name);
  const stmt = {
    countOpened: db
      .insert(realtimeUsageDaily)
      .values({ projectId: ph('projectId'), day: ph('day'), connectionsOpened: ph('opened'), peakConnections: ph('peak') })
      .onConflictDoUpdate({
        target: [realtimeUsageDaily.projectId, realtimeUsageDaily.day],
        set: { connectionsOpened: sql`${realtimeUsageDaily.connectionsOpened} + ${ph('opened')}`, peakConnections: store.sql.greatest(realtimeUsageDaily.peakConnections, ph('peak')) },
      })
      .prepare('realtime_log_count_opened'),
    touch: db
      .update(realtimeProjects)
      .set({ lastActivityAt: sql`${ph('at')}` })
      .where(eq(realtimeProjects.id, ph('projectId')))
      .prepare('realtime_log_touch_project'),
  };
  /**
   * Placeholders given bare (`sql\`${ph(...)}\``), not as column values: drizzle then hands each
   * value to the driver as it is, where a column's placeholder costs an entity check up the class
   * chain and the column's encoder per value (~40 % of what was left of an insert in a profile).
   * Values that need encoding are encoded by the writer (MESSAGE_ENCODERS); a connection row has none.
   */
  const raw = (name: string) => sql`${ph(name)}`;
  /** One prepared INSERT per size in OPEN_CHUNKS; row i's columns are the placeholders `{column}{i}`. */
  const insertOpens: ChunkStatement[] = OPEN_CHUNKS.map((size) => ({
    size,
    names: placeholderNames(size, OPEN_COLUMNS),
    stmt: db
      .insert(realtimeConnectionLogs)
      .values(
        Array.from({ length: size }, (_, i) => ({
          socketId: raw(`socketId${i}`),
          projectId: raw(`projectId${i}`),
          accountId: raw(`accountId${i}`),
          ip: raw(`ip${i}`),
          userAgent: raw(`userAgent${i}`),
          origin: raw(`origin${i}`),
          connectedAt: raw(`connectedAt${i}`),
          disconnectedAt: raw(`disconnectedAt${i}`),
          closeCode: raw(`closeCode${i}`),
        })),
      )
      .prepare(`realtime_log_opens_${size}`),
  }));
  /** One prepared INSERT per size in MESSAGE_CHUNKS, filled like insertOpens, with bare placeholders too. */
  const insertMessages: ChunkStatement[] = MESSAGE_CHUNKS.map((size) => ({
    size,
    names: placeholderNames(size, MESSAGE_COLUMNS),
    stmt: db
      .insert(realtimeMessageLogs)
      .values(
        Array.from({ length: size }, (_, i) => ({
          projectId: raw(`projectId${i}`),
          accountId: raw(`accountId${i}`),
          at: raw(`at${i}`),
          source: raw(`source${i}`),
          event: raw(`event${i}`),
          channels: raw(`channels${i}`),
          socketId: raw(`socketId${i}`),
          ip: raw(`ip${i}`),
          recipients: raw(`recipients${i}`),
          payloadBytes: raw(`payloadBytes${i}`),
          payload: raw(`payload${i}`),
        })),
      )
      .prepare(`realtime_log_messages_${size}`),
  }));
  /**
   * One prepared UPDATE per size in CLOSE_CHUNKS: session i's row (`socketId{i}`) gets `at{i}` and
   * `code{i}`, picked by a CASE on the socket id (standard SQL, so one statement serves both
   * engines; the casts give PostgreSQL the parameters' types).
   */
  const updateCloses: ChunkStatement[] = CLOSE_CHUNKS.map((size) => {
    const rows = Array.from({ length: size }, (_, i) => i);
    const bySocket = (value: (i: number) => SQL) =>
      sql`case ${realtimeConnectionLogs.socketId} ${sql.join(
        rows.map((i) => sql`when ${ph(`socketId${i}`)} then ${value(i)}`),
        sql` `,
      )} end`;
    return {
      size,
      names: placeholderNames(size, CLOSE_COLUMNS),
      stmt: db
        .update(realtimeConnectionLogs)
        .set({ disconnectedAt: bySocket((i) => sql`cast(${ph(`at${i}`)} as bigint)`), closeCode: bySocket((i) => sql`cast(${ph(`code${i}`)} as integer)`) })
        .where(
          inArray(
            realtimeConnectionLogs.socketId,
            rows.map((i) => ph(`socketId${i}`)),
          ),
        )
        .prepare(`realtime_log_closes_${size}`),
    };
  });
  /**
   * Runs `rows` through the statements prepared per chunk size, largest first; row i of a chunk
   * fills the placeholders `{column}{i}`. The placeholders' names are built once per size, and
   * one parameter object per size is filled again for each chunk (each execute is awaited before
   * the next): a new object of 900 freshly concatenated names per 100 rows was most of the batch's
   * own cost on the event loop and in garbage (bench part 6).
   */
  async function inChunks<R>(rows: R[], statements: ChunkStatement[], columns: readonly (keyof R & string)[], encoders: Partial<Record<keyof R & string, (v: unknown) => unknown>> = {}) {
    const encode = columns.map((c) => encoders[c]);
    let at = 0;
    for (const { size, stmt, names } of statements) {
      if (rows.length - at < size) continue;
      const params: Record<string, unknown> = {};
      for (; rows.length - at >= size; at += size) {
        for (let i = 0, n = 0; i < size; i++) {
          const r = rows[at + i]!;
          for (let k = 0; k < columns.length; k++) {
            const v = r[columns[k]!] ?? null;
            const e = encode[k];
            params[names[n++]!] = e && v !== null ? e(v) : v;
          }
        }
        await stmt.execute(params);
      }
    }
  }

  // The buffer. Opens by socket id, so a close that finds its open still queued completes that row.
  let opens = new Map<string, ConnectionOpenRow>();
  let closes: { socketId: string; at: number; code: number }[] = [];
  let usage = new Map<string, { projectId: string; day: string; opened: number; peak: number }>();
  let touches = new Map<string, number>();
  let messages: MessageLogRow[] = [];
  /** Projects whose activity was recorded today by this process: once a day is enough (inactivity is counted in months). */
  const touchedOn = new Map<string, string>();
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<void> = Promise.resolve();

  /** Rows dropped because the database cannot store them (widgetry_realtime_log_rows_unstorable_total). */
  let unstorable = 0;
  const pending = () => opens.size + closes.length + messages.length;

  async function write(batch: Batch) {
    await store.transaction(async (tx) => {
      // A project deleted while its rows waited here has no counters to add to (their foreign key
      // would refuse the whole batch, every time it is retried): its day counters and activity
      // are skipped. The log rows stay, as the logs of a deleted project do.
      const projectIds = [...new Set([...batch.usage.map((u) => u.projectId), ...batch.touches.map(([p]) => p)])];
      const live = new Set(projectIds.length === 0 ? [] : (await tx.select({ id: realtimeProjects.id }).from(realtimeProjects).where(inArray(realtimeProjects.id, projectIds))).map((r) => r.id));
      // The activity first: it locks the projects' rows, so a deletion racing this batch waits for
      // it instead of deadlocking with the counters' foreign-key checks.
      for (const [projectId, at] of batch.touches) if (live.has(projectId)) await stmt.touch.execute({ projectId, at });
      await inChunks(batch.opens, insertOpens, OPEN_COLUMNS);
      await inChunks(batch.closes, updateCloses, CLOSE_COLUMNS);
      for (const u of batch.usage) if (live.has(u.projectId)) await stmt.countOpened.execute(u);
      await inChunks(batch.messages, insertMessages, MESSAGE_COLUMNS, MESSAGE_ENCODERS);
    });
  }

  function takeBatch(): Batch {
    const batch = { opens: [...opens.values()], closes, usage: [...usage.values()], touches: [...touches], messages };
    opens = new Map();
    closes = [];
    usage = new Map();
    touches = new Map();
    messages = [];
    return batch;
  }

  /** Puts a failed batch back in front of what came meanwhile (closes after their opens). */
  function requeue(batch: Batch) {
    const rows = batch.opens.length + batch.closes.length + batch.messages.length;
    if (pending() + rows > MAX_PENDING_ROWS) {
      logger.error('realtime.log_rows_dropped', { rows });
      return;
    }
    const laterOpens = opens;
    opens = new Map(batch.opens.map((o) => [o.socketId, o]));
    for (const [k, v] of laterOpens) opens.set(k, v);
    closes = [...batch.closes, ...closes];
    for (const u of batch.usage) {
      const key = `${u.projectId}|${u.day}`;
      const later = usage.get(key);
      usage.set(key, later ? { ...u, opened: u.opened + later.opened, peak: Math.max(u.peak, later.peak) } : u);
    }
    for (const [p, at] of batch.touches) if (!touches.has(p)) touches.set(p, at);
    messages = [...batch.messages, ...messages];
  }

  function flush(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    // One flush at a time, in order: a close is written after the flush that wrote its open.
    chain = chain.then(async () => {
      if (pending() === 0 && usage.size === 0 && touches.size === 0) return;
      const batch = takeBatch();
      try {
        await write(batch);
      } catch (err) {
        if (unstorableReason(err) === null) failed(batch, err);
        else await writeAround(batch);
      }
    });
    return chain;
  }

  /** The database failed otherwise than for the data (an outage, say): the rows wait for the next flush. */
  function failed(batch: Batch, err: unknown) {
    logger.error('realtime.log_flush_failed', { rows: batch.opens.length + batch.closes.length + batch.messages.length, error: err instanceof Error ? err.stack : String(err) });
    requeue(batch);
    schedule();
  }

  /**
   * A batch that failed for a row's data, written again part by part in write()'s order, each part
   * in halves around the rows that cannot be stored (unstorable-rows.ts). Those are dropped,
   * counted, and logged by project and reason; if the database fails otherwise meanwhile, what is
   * not written yet is queued again as any failed batch is.
   */
  async function writeAround(batch: Batch) {
    const rest: Batch = { ...batch };
    for (const part of BATCH_PARTS) {
      const rows: readonly unknown[] = batch[part];
      try {
        const setAside = await writeSettingAside(rows, (some) => write({ ...EMPTY_BATCH, [part]: some }));
        rest[part] = [];
        reportUnstorable(part, setAside);
      } catch (err) {
        // Only RowsNotWritten is expected; anything else keeps the whole part rather than end the flush chain.
        const notWritten = err instanceof RowsNotWritten;
        rest[part] = (notWritten ? rows.slice(err.written) : rows) as never;
        return failed(rest, notWritten ? err.cause : err);
      }
    }
  }

  function reportUnstorable(part: BatchPart, setAside: { row: unknown; reason: string }[]) {
    unstorable += setAside.length;
    const byProject = new Map<string, { projectId: string | null; reason: string; rows: number }>();
    for (const { row, reason } of setAside) {
      const projectId = projectOf(part, row);
      const key = `${projectId}|${reason}`;
      const seen = byProject.get(key);
      if (seen) seen.rows += 1;
      else byProject.set(key, { projectId, reason, rows: 1 });
    }
    for (const entry of byProject.values()) logger.error('realtime.log_rows_unstorable', { part, ...entry });
  }

  function schedule() {
    if (options.flushMs === 0) return;
    if (pending() >= maxRows) void flush();
    else if (!timer) {
      timer = setTimeout(() => void flush(), options.flushMs);
      timer.unref();
    }
  }

  return {
    writeThrough: options.flushMs === 0,
    opened(row, day, open) {
      if (options.discard) return;
      // Kept as given, not copied (an object per connect less): callers hand over a row of their own.
      opens.set(row.socketId, row);
      const key = `${row.projectId}|${day}`;
      const u = usage.get(key);
      if (u) {
        u.opened += 1;
        u.peak = Math.max(u.peak, open);
      } else usage.set(key, { projectId: row.projectId, day, opened: 1, peak: open });
      if (touchedOn.get(row.projectId) !== day) {
        touchedOn.set(row.projectId, day);
        touches.set(row.projectId, row.connectedAt);
      }
      schedule();
    },
    closed(socketId, at, code) {
      if (options.discard) return;
      const queued = opens.get(socketId);
      if (queued) {
        queued.disconnectedAt = at;
        queued.closeCode = code;
      } else closes.push({ socketId, at, code });
      schedule();
    },
    messages(rows) {
      if (options.discard) return;
      for (const r of rows) messages.push(r);
      schedule();
    },
    flush,
    pending,
    unstorable: () => unstorable,
  };
}

interface Batch {
  touches: [string, number][];
  opens: ConnectionOpenRow[];
  closes: { socketId: string; at: number; code: number }[];
  usage: { projectId: string; day: string; opened: number; peak: number }[];
  messages: MessageLogRow[];
}

type BatchPart = keyof Batch;
/** In the order write() writes them: the project's activity first, closes after their opens. */
const BATCH_PARTS: readonly BatchPart[] = ['touches', 'opens', 'closes', 'usage', 'messages'];
const EMPTY_BATCH: Batch = { touches: [], opens: [], closes: [], usage: [], messages: [] };

/** A set-aside row's project, for the log line; a close of a written row knows only its socket. */
function projectOf(part: BatchPart, row: unknown): string | null {
  if (part === 'touches') return (row as Batch['touches'][number])[0];
  if (part === 'closes') return null;
  return (row as { projectId: string }).projectId;
}
