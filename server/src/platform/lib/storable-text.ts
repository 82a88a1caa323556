// Text PostgreSQL can store. It refuses the NUL character in text and jsonb, and an unpaired
// surrogate escape (half an emoji) in jsonb: such a value failed the query and the request
// answered 500, where SQLite stored it. Requests are checked here, before any handler runs, so
// both engines answer alike and nothing is half-written.
import { AppError } from './errors.js';

/** Half of a surrogate pair without its other half (the regex works on UTF-16 code units: no `u` flag). */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A NUL reaches a handler only percent-encoded in the URL (path or query): Node refuses a raw one. */
export function urlHasNul(url: string): boolean {
  return url.includes('%00');
}

export const nulInUrl = () => new AppError(400, 'bad_request', 'The address holds a NUL character (%00)');

/**
 * Refuses a parsed JSON body holding a NUL in any string or key (`status`, naming where), and mends an
 * unpaired surrogate in a string value into U+FFFD — what SQLite stores for it, and what a client
 * that cut an emoji in half meant no harm by. Both reach JSON text only as `\u` escapes, so a body
 * without one is returned untouched without a walk. The walk keeps its own stack: a 64 KB body may
 * nest deeper than the call stack goes.
 */
export function storableJson(text: string, value: unknown, status: 400 | 422 = 422): unknown {
  if (!text.includes('\\u')) return value;
  if (typeof value === 'string') return storableString(value, '', status);
  const pending: { node: object; path: string }[] = [];
  if (value !== null && typeof value === 'object') pending.push({ node: value, path: '' });
  for (let item = pending.pop(); item; item = pending.pop()) {
    const node = item.node as Record<string, unknown>;
    for (const key of Object.keys(node)) {
      const path = item.path === '' ? key : `${item.path}.${key}`;
      if (key.includes('\0') || hasUnpairedSurrogate(key)) throw unstorable(status, path, 'A field name holds a NUL character or half of a character');
      const child = node[key];
      if (typeof child === 'string') node[key] = storableString(child, path, status);
      else if (child !== null && typeof child === 'object') pending.push({ node: child, path });
    }
  }
  return value;
}

/**
 * A string from elsewhere than an HTTP body (a WebSocket frame), as storableJson treats a body's
 * strings: null when it holds a NUL (the caller refuses it), else with any unpaired surrogate
 * mended into U+FFFD.
 */
export function storableText(s: string): string | null {
  if (s.includes('\0')) return null;
  return hasUnpairedSurrogate(s) ? s.replace(new RegExp(UNPAIRED_SURROGATE.source, 'g'), '\uFFFD') : s;
}

function storableString(s: string, path: string, status: 400 | 422): string {
  if (s.includes('\0')) throw unstorable(status, path, 'Text must not hold the NUL character');
  return hasUnpairedSurrogate(s) ? s.replace(new RegExp(UNPAIRED_SURROGATE.source, 'g'), '\uFFFD') : s;
}

function hasUnpairedSurrogate(s: string): boolean {
  return UNPAIRED_SURROGATE.test(s);
}

function unstorable(status: 400 | 422, path: string, message: string): AppError {
  return new AppError(status, 'validation_failed', 'The request has invalid fields', { issues: [{ path, message }] });
}
