// The operator's announcements (planned maintenance 24 h ahead, changes of the legal documents or
// tariffs 14 days ahead) at the top of every page until the licensee dismisses them; they are
// also mailed once (server/src/notices). Dismissals are remembered in this browser only.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import type { NoticeList } from '../api-types.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { Icon } from '../ui/icons.js';
import { noticeInLang } from '../notifications/notice-lang.js';

const DISMISSED_KEY = 'wg_notices_dismissed';

function dismissedIds(): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(DISMISSED_KEY) ?? '[]') as string[]);
  } catch {
    return new Set(); // storage off or damaged: show everything again
  }
}

export function NoticeBanners() {
  const [notices, setNotices] = useState<NoticeList['notices']>([]);
  const [dismissed, setDismissed] = useState(dismissedIds);
  useEffect(() => {
    get<NoticeList>('/notices').then(
      (r) => setNotices(r.notices),
      () => undefined,
    );
  }, []);

  const dismiss = (id: string) => {
    const next = new Set(dismissed).add(id);
    setDismissed(next);
    try {
      localStorage.setItem(DISMISSED_KEY, JSON.stringify([...next].slice(-50)));
    } catch {
      // Private mode: hidden until the next reload.
    }
  };

  const shown = notices.filter((n) => !dismissed.has(n.id));
  if (shown.length === 0) return null;
  return (
    <section class="notice-banners" aria-label={t('notices.label')}>
      {shown.map((n) => {
        const { title, body } = noticeInLang(n);
        return (
          <div key={n.id} class={`notice ${n.kind === 'maintenance' ? 'notice-warn' : 'notice-info'}`}>
            <Icon name={n.kind === 'maintenance' ? 'alert' : 'info'} />
            <div>
              <p>
                <strong>{title}</strong> — {t('notices.effective', { when: formatDateTime(n.effectiveAt) })}
              </p>
              <p>{body}</p>
            </div>
            <button type="button" class="btn btn-small" onClick={() => dismiss(n.id)}>
              {t('notices.dismiss')}
            </button>
          </div>
        );
      })}
    </section>
  );
}
