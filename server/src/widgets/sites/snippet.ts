// The install snippet comes from the built loader (loader/src/snippet.ts → embed-manifest.json),
// so there is exactly one definition of it.
import type { AppDeps } from '../../deps.js';

export function renderSnippet(deps: Pick<AppDeps, 'snippetTemplate' | 'env'>, siteKey: string): string {
  return deps.snippetTemplate.replaceAll('{{PUBLIC_URL}}', escapeAttribute(deps.env.PUBLIC_URL)).replaceAll('{{SITE_KEY}}', escapeAttribute(siteKey));
}

const escapeAttribute = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
