// Route-level code splitting: each page is its own chunk, fetched when first visited, so the
// first load carries only the shell (tests/size/dashboard-size.test.ts keeps it small).
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/i18n.js';

export interface PageProps {
  params: Record<string, string>;
}

type Loader = () => Promise<{ default: ComponentType<PageProps> }>;

export function lazyPage(load: Loader): ComponentType<PageProps> {
  let Loaded: ComponentType<PageProps> | undefined;
  let pending: Promise<void> | undefined;
  return function LazyPage(props: PageProps) {
    const [failed, setFailed] = useState(false);
    const [, setReady] = useState(false);
    useEffect(() => {
      if (Loaded) return;
      pending ??= load().then((m) => {
        Loaded = m.default;
      });
      pending.then(
        () => setReady(true),
        () => {
          // A chunk from before a deploy is gone: only a reload brings the new names.
          pending = undefined;
          setFailed(true);
        },
      );
    }, []);
    if (Loaded) return <Loaded {...props} />;
    if (failed) {
      return (
        <div class="notice notice-danger" role="alert">
          <p>{t('app.chunkFailed')}</p>
          <button type="button" class="btn" onClick={() => location.reload()}>
            {t('app.reload')}
          </button>
        </div>
      );
    }
    return <div class="page-loading" aria-busy="true" aria-label={t('app.loading')} />;
  };
}
