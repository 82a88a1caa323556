// What the pages readable without signing in share (the complaint form, the e-mail confirmation):
// the page's frame — the brand, the language switch and the title, also in the tab's name — and
// one request sent from a form, with its failure in words.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LangSwitch } from '../layout/lang-switch.js';
import { brandName } from './brand.js';
import { errorText } from './errors.js';

export function PublicPage({ title, children }: { title: string; children: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} — ${brandName()}`;
  }, [title]);
  return (
    <article class="abuse-form">
      <div class="toolbar toolbar-between">
        <strong>{brandName()}</strong>
        <LangSwitch />
      </div>
      <h1>{title}</h1>
      {children}
    </article>
  );
}

/** send(request): busy while it runs; a refusal becomes `failure` (cleared by the next success). */
export function useSending() {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const send = async (request: () => Promise<void>) => {
    setBusy(true);
    try {
      await request();
      setFailure(undefined);
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, failure, send };
}
