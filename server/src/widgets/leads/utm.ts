// UTM tags of the page a lead came from.
const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;

export function utmFrom(pageUrl: string | undefined): Record<string, string> {
  if (!pageUrl) return {};
  try {
    const params = new URL(pageUrl).searchParams;
    const utm: Record<string, string> = {};
    for (const key of UTM_KEYS) {
      const value = params.get(key);
      if (value) utm[key] = value.slice(0, 200);
    }
    return utm;
  } catch {
    return {};
  }
}
