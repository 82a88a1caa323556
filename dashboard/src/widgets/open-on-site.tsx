// "Open on my site": the draft as it is in the editor, on a page of the owner's own site, to this
// browser only. The server keeps the draft for 10 minutes behind a signed token; the page's
// loader (rt/debug.js) shows it at once, ignoring triggers, caps and rules, and counts nothing.
import { useState } from 'preact/hooks';
import { PREVIEW_PARAM } from '#contracts/core/debug.js';
import { api } from '../api.js';
import type { Site } from '../api-types.js';
import { t } from '../i18n/i18n.js';
import { Notice } from '../ui/bits.js';
import { errorText } from '../ui/errors.js';
import { TextField } from '../ui/fields.js';
import { patchOf, type Draft } from './draft.js';

export function OpenOnSite({ draft, widgetId, site }: { draft: Draft; widgetId: string | undefined; site: Site | undefined }) {
  const [address, setAddress] = useState(site?.domains[0] ? `https://${site.domains[0]}/` : '');
  const [error, setError] = useState('');
  if (!site) return null;
  const open = async () => {
    setError('');
    let url: URL;
    try {
      url = new URL(address.trim());
      if (!/^https?:$/.test(url.protocol)) throw new Error('not a page');
    } catch {
      return setError(t('check.typeUrl'));
    }
    // Opened now, inside the click, so the browser does not block it as a pop-up; the address follows.
    const tab = window.open('', '_blank');
    try {
      const { token } = await api<{ token: string }>('POST', `/widgets/${widgetId}/preview`, patchOf(draft));
      url.searchParams.set(PREVIEW_PARAM, token);
      if (tab) {
        tab.opener = null;
        tab.location.href = url.href;
      } else window.location.assign(url.href);
    } catch (err) {
      tab?.close();
      setError(errorText(err));
    }
  };
  return (
    <div class="open-on-site">
      <h3>{t('onSite.title')}</h3>
      {widgetId ? (
        <>
          <TextField label={t('onSite.url')} hint={t('onSite.hint')} value={address} onValue={setAddress} type="url" inputMode="url" />
          <button type="button" class="btn" onClick={() => void open()}>
            {t('onSite.open')}
          </button>
          {error ? <Notice tone="warn">{error}</Notice> : null}
        </>
      ) : (
        <p class="muted">{t('onSite.saveFirst')}</p>
      )}
    </div>
  );
}
