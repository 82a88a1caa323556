// Defence in depth: the server only stores http(s) URLs, but a `javascript:` href reaching the
// runtime would run on the licensee's page, so links are re-checked where they are drawn.
export function safeUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}
