// Reads the CSV our export writes the way an importing program would: with csv-parse, a real
// RFC 4180 parser (quoting, CRLF, the BOM), not a reader of our own that could share our bugs.
import { parse } from 'csv-parse/sync';

export function parseCsv(text: string, delimiter = ';'): string[][] {
  return parse(text, { delimiter, bom: true, relax_column_count: false }) as string[][];
}
