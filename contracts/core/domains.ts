// Whether a page's host belongs to a site: it equals one of the site's domains or is a subdomain
// of one (www.example.ru belongs to example.ru). Ports are ignored. The server decides with it
// what a page gets; the editor's "would it show here?" asks the same.
export function hostFromOrigin(originOrUrl: string | undefined | null): string | null {
  if (!originOrUrl) return null;
  try {
    return new URL(originOrUrl).hostname.toLowerCase();
  } catch {
    return null;
  }
}

export function hostBelongsTo(host: string, domains: readonly string[]): boolean {
  return domains.some((d) => host === d || host.endsWith(`.${d}`));
}
