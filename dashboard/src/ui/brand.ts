// The product name is configuration (BRAND_NAME): the server writes it into the page's
// <meta name="wg-brand">; under Vite's dev server the placeholder is still there.
export function brandName(): string {
  const v = document.querySelector<HTMLMetaElement>('meta[name="wg-brand"]')?.content ?? '';
  return v && !v.startsWith('{{') ? v : 'Widgetry';
}
