// A project's "allowed origins": which web pages may open browser connections with its key.
// The key is public (it sits in page source), so this is what stops another site from using a
// licensee's connection quota. Non-browser clients send no Origin and are not restricted.

/** Empty list: any origin. "https://*.example.ru" matches its subdomains (not example.ru itself). */
export function originAllowed(allowed: readonly string[], origin: string): boolean {
  if (allowed.length === 0) return true;
  const o = origin.toLowerCase().replace(/\/+$/, '');
  return allowed.some((a) => {
    if (!a.includes('://*.')) return a === o;
    const [scheme, rest] = a.split('://*.') as [string, string];
    return o.startsWith(`${scheme}://`) && o.endsWith(`.${rest}`) && o.length > scheme.length + 3 + rest.length + 1;
  });
}
