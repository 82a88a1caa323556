// The owner's preview on their own page (?widgetry_preview=<signed token>) is not built yet: the
// page says so rather than staying silent, and debug mode alone never shows anything.
import { T } from './strings.js';

export async function previewOnPage(_api: string, _token: string): Promise<void> {
  console.info('[widgetry] ' + T.previewUnavailable);
}
