// Structured JSON logs through pino: one line per event on stdout, the request lines
// (platform/observe/request-log.ts) and everything else on the same logger. Callers pass ids and
// counts, never personal data (e-mails, phones, names, IPs, lead fields): 152-FZ, and logs are
// shipped to places leads must not go. Two nets catch what a caller gets wrong anyway: fields
// whose names say they hold personal data are censored whatever their value, and e-mail
// addresses, phone numbers and a failed query's values inside any string (an SMTP error, a
// stack) are masked.
import { hostname } from 'node:os';
import pino from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /**
   * The same line as the methods above, for a caller that has already serialized its fields
   * (`"a":1,"b":"x"`, no braces) from values that need no masking: numbers, closed sets, ids it
   * has checked. No scrubbing walk and no object for pino to serialize: the request line
   * (platform/observe/request-log.ts), written once per request, costs a fraction of an `info`.
   */
  checked(level: LogLevel, msg: string, fieldsJson: string): void;
  /** Writes what is buffered; the entry point calls it before the process exits. */
  flush(): void;
}

/** Field names that hold personal data wherever they appear (top level or one level down). */
const PERSONAL_FIELDS = new Set(['email', 'to', 'phone', 'name', 'ip', 'userAgent', 'fields', 'contact', 'text', 'body', 'payload', 'code', 'cookie', 'authorization']);
const CENSORED = '[redacted]';

// No slash on either side: `node_modules/@scope/pkg/index.js` in a stack is not an address.
const EMAIL = /[^\s@"'<>(),;:/]+@[^\s@"'<>(),;:/]+\.[a-zа-яё]{2,}/giu;
// +7 (903) 111-22-33, 8 903 111 22 33, +79031112233, and other international numbers with a plus.
const PHONE = /(?:\+\d[\d\s().-]{8,16}\d)|(?:\b8[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}\b)/gu;

// drizzle's error for a failed statement (DrizzleQueryError) lists the statement's values after
// "params: " on the line below its SQL: a lead's name and fields, a visitor's IP and user agent, a
// chat message, a realtime payload. They run to the stack's first frame (values may hold newlines).
const QUERY_PARAMS = /\nparams: [\s\S]*?(?=\n {4}at |$)/g;

/** Masks e-mail addresses and phone numbers inside a string, and the values of a failed query. */
export function scrubPersonalData(s: string): string {
  const masked = s.replace(EMAIL, '[email]').replace(PHONE, '[phone]');
  return masked.includes('\nparams: ') ? masked.replace(QUERY_PARAMS, '\nparams: [redacted]') : masked;
}

// One walk does both nets. It replaces pino's own `redact` option, whose path matching cost
// ~45 us a line (measured with a line per request: more than the bare route's whole answer).
function scrubValues(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubPersonalData(value);
  if (depth > 3 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubValues(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const k in value) {
    if (!Object.hasOwn(value, k)) continue;
    const v = (value as Record<string, unknown>)[k];
    out[k] = depth <= 1 && PERSONAL_FIELDS.has(k) && v !== undefined ? CENSORED : scrubValues(v, depth + 1);
  }
  return out;
}

/** Lines waiting for a slow stdout beyond this are dropped (counted in a warning), not kept. */
const MAX_BUFFERED_LOG_BYTES = 8 * 1024 * 1024;

/**
 * Stdout written asynchronously. A synchronous write to a pipe whose reader falls behind (a
 * log shipper, docker's log driver, a parent process) gets EAGAIN, and pino's destination then
 * sleeps 100 ms at a time with the event loop blocked: the whole server stalled behind its
 * logs. Here lines queue while a write is
 * under way and go in the next one; `flush()` writes what is queued synchronously before exit.
 * Crash bound: a process killed outright loses the lines still queued (normally a few KB).
 */
function stdoutDestination() {
  const destination = pino.destination({ dest: 1, sync: false, minLength: 0, maxLength: MAX_BUFFERED_LOG_BYTES });
  let dropped = 0;
  destination.on('drop', () => {
    if (dropped++ === 0)
      setTimeout(() => {
        destination.write(`${JSON.stringify({ level: 'warn', time: new Date().toISOString(), msg: 'log.lines_dropped', lines: dropped })}\n`);
        dropped = 0;
      }, 1000).unref();
  });
  return destination;
}

/**
 * `write` replaces stdout (tests collect the lines). Levels are written as words, times as ISO
 * strings; each line carries the process id and host name, so lines from several nodes can be told apart.
 */
export function createLogger(level: LogLevel | 'silent', write?: (line: string) => void): Logger {
  const destination = write ? { write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line) } : stdoutDestination();
  const p = pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (fields) => scrubValues(fields, 0) as Record<string, unknown>,
      },
    },
    destination,
  );
  const log = (lvl: LogLevel) => (msg: string, fields?: Record<string, unknown>) => {
    if (fields) p[lvl](fields, msg);
    else p[lvl](msg);
  };
  // pino's own prefix (level, ISO time, pid, host name) written by hand; the time string is
  // remembered for the millisecond, which many request lines share under load.
  const bindings = `"pid":${process.pid},"hostname":${JSON.stringify(hostname())}`;
  const enabled = { debug: p.isLevelEnabled('debug'), info: p.isLevelEnabled('info'), warn: p.isLevelEnabled('warn'), error: p.isLevelEnabled('error') };
  let timeMs = 0;
  let timeIso = '';
  const checked = (lvl: LogLevel, msg: string, fieldsJson: string) => {
    if (!enabled[lvl]) return;
    const now = Date.now();
    if (now !== timeMs) {
      timeMs = now;
      timeIso = new Date(now).toISOString();
    }
    destination.write(`{"level":"${lvl}","time":"${timeIso}",${bindings},${fieldsJson},"msg":${JSON.stringify(msg)}}\n`);
  };
  const flush = () => {
    if (!('flushSync' in destination)) return;
    try {
      destination.flushSync();
    } catch {
      // stdout is gone (the reader closed it): nothing left to write to.
    }
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), checked, flush };
}
