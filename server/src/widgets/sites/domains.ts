// Whether a page's origin belongs to a site: its host equals one of the site's domains or is a
// subdomain of one (www.example.ru belongs to example.ru). Ports are ignored.
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
