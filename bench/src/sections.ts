// Parts that also run alone (`npm run bench -- engines`) keep their own section of
// bench/RESULTS.md between two markers, replaced in place by each run of the part; their
// tables are padded as the formatter leaves committed markdown.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const sectionMarkers = (part: string) => ({ start: `<!-- bench ${part}: start -->`, end: `<!-- bench ${part}: end -->` });

/** The section between its markers, ready to stand in RESULTS.md. */
export const markedSection = (part: string, markdown: string) => {
  const { start, end } = sectionMarkers(part);
  return `${start}\n${markdown.trim()}\n${end}`;
};

/** Puts the part's section into `file` in place of the previous one (or at the end). */
export function writeSection(file: string, part: string, markdown: string): void {
  const { start, end } = sectionMarkers(part);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const section = markedSection(part, markdown);
  const at = current.indexOf(start);
  const to = current.indexOf(end);
  const next = at >= 0 && to > at ? `${current.slice(0, at)}${section}${current.slice(to + end.length)}` : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}

/** A markdown table with its columns padded, as the formatter (Biome) leaves committed markdown. */
export function paddedTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(3, h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
