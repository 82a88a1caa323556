// An address inside /app that is no page of ours.
import { t } from './i18n/i18n.js';
import { Link } from './router/link.js';
import { Empty } from './ui/bits.js';
import { Page } from './ui/page.js';

export default function NotFoundPage() {
  return (
    <Page title={t('app.notFound')}>
      <Empty icon="search" title={t('app.notFoundText')}>
        <Link href="/" class="btn btn-primary">
          {t('nav.home')}
        </Link>
      </Empty>
    </Page>
  );
}
