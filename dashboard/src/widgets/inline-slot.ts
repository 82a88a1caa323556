// An inline widget sits inside an element of the licensee's page, found by a CSS selector. Most
// licensees build with Tilda or WordPress and have no such element yet: they add an empty block
// for it, and this is that block's code, made from the selector they chose.

/** The selector offered when a widget is first put inside the page: the block the help below adds. */
export const SUGGESTED_INLINE_SELECTOR = '#widgetry-form';

const NAME = /^-?[A-Za-z_][\w-]*$/;

/**
 * `<div id="widgetry-form"></div>` for "#widgetry-form", `<div class="contacts"></div>` for
 * ".contacts"; null for anything more complex ("main .contacts"), which points at an element the
 * page must already have.
 */
export function inlineSlotCode(selector: string): string | null {
  const s = selector.trim();
  const name = s.slice(1);
  if (!NAME.test(name)) return null;
  if (s.startsWith('#')) return `<div id="${name}"></div>`;
  if (s.startsWith('.')) return `<div class="${name}"></div>`;
  return null;
}
