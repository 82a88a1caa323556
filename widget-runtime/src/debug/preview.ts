// The owner's preview on their own page (?widgetry_preview=<signed token>): filled in by the
// preview feature; debug mode alone never shows anything.
export async function previewOnPage(_api: string, _token: string): Promise<void> {}
