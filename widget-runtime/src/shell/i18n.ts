// Fixed UI strings: Russian by default, English when the host page declares lang="en...".
// Each string is a [ru, en] pair kept next to the code that shows it, so the shared chunk
// carries only the shell's strings and rt/form.js its own.

export type Phrase = readonly [ru: string, en: string];

/** Read per call: the page may set <html lang> after we load (SPAs often do). */
export function tr(phrase: Phrase): string {
  return phrase[/^en/i.test(document.documentElement.lang) ? 1 : 0];
}

export const CLOSE: Phrase = ['Закрыть', 'Close'];
