// Shadow-root styles. Constructable stylesheets (adoptedStyleSheets) are CSSOM, which a strict
// CSP does not block, and they never touch the host page's <head>.

/** One CSSStyleSheet per css text, built on first use and shared by every shadow root. */
export function lazySheet(css: string): () => CSSStyleSheet {
  let sheet: CSSStyleSheet | undefined;
  return () => {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    return sheet;
  };
}

// Written compactly by hand: esbuild does not minify CSS inside JS strings. Each line of the
// base sheet ends in a backslash, so its newlines stay out of the string (8 B gzip of the chunk
// every type shares).
// `:host` rules carry !important because for normal declarations the host page's rules on our
// host element beat :host, while for !important ones the shadow tree wins (CSS cascade, tree
// context). `all:initial` cuts off inherited fonts/colours/line-heights from the page.
// Overlays are position:fixed so they cause no layout shift; z-index just under the maximum.
// Colours come from custom properties that mount-widget sets on the host through CSSOM.
// Small print (badge, consent) is one size, 13px: every further size or weight of the font is
// one more synchronous font lookup in Chromium while the widget is laid out (lead-form.tsx).
// Bytes: shadows and borders as hex with alpha; the close button's font in one shorthand naming
// the card's family (the same pixels as `inherit` with a size and line height).
export const baseSheet = lazySheet(`\
:host{all:initial!important;display:block!important;position:fixed!important;z-index:2147483000!important}\
:host([hidden]){display:none!important}\
:host([data-pos$=right]){right:16px!important}\
:host([data-pos$=left]){left:16px!important}\
:host([data-pos^=top]){top:16px!important}\
:host([data-pos^=bottom]){bottom:16px!important}\
:host([data-pos=top-bar]){inset:0 0 auto!important}\
:host([data-pos=bottom-bar]){inset:auto 0 0!important}\
:host([data-pos=center]){top:50%!important;left:50%!important;transform:translate(-50%,-50%)!important}\
:host([data-pos=inline]){position:relative!important;z-index:auto!important}\
*{box-sizing:border-box}\
.wg-card{position:relative;width:360px;max-width:calc(100vw - 32px);max-height:calc(100vh - 32px);overflow:auto;padding:20px;border-radius:12px;background:var(--wg-bg);color:var(--wg-fg);box-shadow:0 8px 32px #0003;font:15px/1.45 system-ui,sans-serif;text-align:left;-webkit-text-size-adjust:100%}\
:host([data-pos$=bar]) .wg-card{width:auto;max-width:none;border-radius:0;padding:12px 56px 12px 16px}\
:host([data-pos=inline]) .wg-card{width:auto;max-width:100%;max-height:none;box-shadow:none;border:1px solid #00000026}\
.wg-title{margin:0 32px 8px 0;font-size:18px;font-weight:600;line-height:1.3}\
.wg-text{margin:0 0 12px;white-space:pre-line}\
.wg-close{position:absolute;top:8px;right:8px;width:32px;height:32px;padding:0;border:0;border-radius:8px;background:none;color:inherit;font:24px/1 system-ui,sans-serif;cursor:pointer}\
.wg-btn{display:inline-block;padding:10px 18px;border:0;border-radius:8px;background:var(--wg-accent);color:var(--wg-on-accent);font:inherit;font-weight:600;text-decoration:none;cursor:pointer}\
a{color:inherit}\
:focus-visible{outline:2px solid var(--wg-accent);outline-offset:2px}\
.wg-badge{display:block;width:fit-content;margin-top:12px;font-size:13px;opacity:.75}\
`);
