// The platform's documents (offer, consent, privacy policy), readable without signing in.
import { useEffect } from 'preact/hooks';
import type { PageProps } from '../router/lazy-page.js';
import { Link } from '../router/link.js';
import { brandName } from '../ui/brand.js';
import { t } from '../i18n/i18n.js';
import { DOCUMENTS_VERSION, legalDocuments } from './documents.js';
import './legal.css';

export default function LegalPage({ params }: PageProps) {
  const docs = legalDocuments(brandName());
  const doc = docs[params.doc as keyof typeof docs];
  useEffect(() => {
    document.title = `${doc?.title ?? t('app.notFound')} — ${brandName()}`;
  }, [doc]);
  if (!doc) return <h1>{t('app.notFound')}</h1>;
  return (
    <article class="legal" lang="ru">
      <h1>{doc.title}</h1>
      <p class="muted">{t('legal.version', { v: DOCUMENTS_VERSION })}</p>
      {doc.sections.map((s) => (
        <section key={s.heading}>
          <h2>{s.heading}</h2>
          {s.paragraphs.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </section>
      ))}
      {/* Offer §12.6 promises rights holders a way to complain: the form is one click away. */}
      <p>
        <Link href="/abuse">{t('abuse.title')}</Link>
      </p>
    </article>
  );
}
