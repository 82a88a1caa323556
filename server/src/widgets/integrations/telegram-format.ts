// Leads as Telegram messages in HTML parse mode: every licensee or visitor string escaped (a
// stray "<" would make Telegram reject the whole message), split into messages of at most
// 4096 characters at line boundaries, never inside a tag or an entity.
import { leadHeading, leadLines, leadReceivedAt, type LeadDocument } from './lead-document.js';

export const TELEGRAM_MAX_CHARS = 4096;

/** The three characters HTML parse mode requires escaped outside tags. */
export const escapeTelegramHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Escaped `plain`, cut where its escaped length reaches `budget`: [fits, rest (still plain)]. */
function cutEscaped(plain: string, budget: number): [string, string] {
  let out = '';
  let used = 0;
  // By code point, so a surrogate pair (emoji) is never cut in half.
  for (const ch of plain) {
    const escaped = escapeTelegramHtml(ch);
    if (out.length + escaped.length > budget) return [out, plain.slice(used)];
    out += escaped;
    used += ch.length;
  }
  return [out, ''];
}

/** Leaving less than this at the end of a message, a long value starts on the next one instead. */
const MIN_TAIL = 200;

/** Lines packed into messages joined by newlines; a line longer than the room left continues in the next message. */
export function packLines(lines: readonly { head: string; value: string }[], max = TELEGRAM_MAX_CHARS): string[] {
  const messages: string[] = [];
  let current = '';
  const flush = () => {
    if (current) messages.push(current);
    current = '';
  };
  for (const { head, value } of lines) {
    const whole = head + escapeTelegramHtml(value);
    const sep = current ? 1 : 0;
    if (current.length + sep + whole.length <= max) {
      current += (sep ? '\n' : '') + whole;
      continue;
    }
    if (whole.length <= max) {
      flush();
      current = whole;
      continue;
    }
    // Longer than a whole message: fill what is left, then continue on fresh messages.
    if (max - current.length - sep - head.length < MIN_TAIL) flush();
    let rest = value;
    let prefix = head;
    while (rest) {
      const room = max - current.length - (current ? 1 : 0) - prefix.length;
      const [piece, left] = cutEscaped(rest, room);
      // A label too long to leave room for one character: cannot happen with 4096 and labels of 200.
      if (!piece && !current) throw new Error('message limit too small for the label');
      current += (current ? '\n' : '') + prefix + piece;
      rest = left;
      prefix = '';
      if (rest) flush();
    }
  }
  flush();
  return messages;
}

export function telegramMessages(doc: LeadDocument, max = TELEGRAM_MAX_CHARS): string[] {
  const lines = [{ head: `<b>${escapeTelegramHtml(leadHeading(doc))}</b>`, value: '' }];
  for (const line of leadLines(doc)) lines.push({ head: `<b>${escapeTelegramHtml(line.label)}:</b> `, value: line.value });
  lines.push({ head: '<b>Получена:</b> ', value: leadReceivedAt(doc) });
  return packLines(lines, max);
}
