// The install snippet, defined once: the dashboard shows it through dist/embed-manifest.json,
// which scripts/build-embed.mjs generates from this file.

/**
 * Optional queue stub: lets the page call `widgetry('open', id)` before loader.js has arrived;
 * the loader drains `widgetry.q`. Pages with a strict CSP (no inline scripts) may leave it out.
 */
export const QUEUE_STUB = '<script>window.widgetry=window.widgetry||function(){(widgetry.q=widgetry.q||[]).push(arguments)}</script>';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** One line of HTML the licensee pastes into the page. */
export function installSnippet(publicUrl: string, siteKey: string): string {
  // A configured PUBLIC_URL of "https://x.ru/" must not yield "https://x.ru//loader.js".
  const base = escapeHtml(publicUrl.replace(/\/+$/, ''));
  return `${QUEUE_STUB}<script async src="${base}/loader.js" data-site="${escapeHtml(siteKey)}"></script>`;
}
