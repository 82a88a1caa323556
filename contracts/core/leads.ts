// A lead as the licensee works it: where it stands, and the one rule for the CSV cells that
// spreadsheets would read as formulas.

/** new → in_progress → done; spam is set aside and left out of conversion figures. */
export const LEAD_STATUSES = ['new', 'in_progress', 'done', 'spam'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** Longest note the licensee may keep on a lead. */
export const LEAD_NOTE_MAX = 4000;

/** A phone in E.164: "+" and digits only. Spreadsheets read it as a number, never run it. */
const PHONE_CELL = /^\+\d{1,15}$/;
/** What Excel, LibreOffice and Google Sheets start a formula with (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell made safe to open in a spreadsheet: a value that would start a formula gets a leading
 * apostrophe (shown as text, not computed) — except a phone number, which stays importable as
 * it is. One rule for every cell, so two phones never come out differently.
 */
export function csvSafeCell(value: string): string {
  return FORMULA_START.test(value) && !PHONE_CELL.test(value) ? `'${value}` : value;
}
