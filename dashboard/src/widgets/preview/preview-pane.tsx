// The editor's live preview: a frame with our stand-in page where the real runtime draws the
// draft (see preview-frame/main.ts). Updates follow the edits; desktop or phone width.
import { useEffect, useRef, useState } from 'preact/hooks';
import { currentLang, t } from '../../i18n/i18n.js';
import { BASE } from '../../router/router.js';
import { useSession } from '../../session.js';
import { brandName } from '../../ui/brand.js';
import { Icon } from '../../ui/icons.js';
import { badgeTextRu } from '#contracts/core/badge.js';
import type { EmbedWidget } from '#contracts/core/embed.js';
import type { BarLayout, CardLayout } from '#contracts/core/widget.js';
import type { Draft } from '../draft.js';
import type { FromFrame, ToFrame } from './protocol.js';
import { toEmbedWidget } from './to-embed.js';

/** Typing should not redraw the widget on every key. */
const DEBOUNCE_MS = 250;

/**
 * The "computer" frame is narrower than the runtime's phone breakpoint, and the runtime folds
 * lead forms and pushes the page with bars by the width it sees (README, "Layout of widgets on
 * a page"): it is told what a computer shows instead.
 */
const asOnComputer = (w: EmbedWidget): EmbedWidget => {
  const layout: BarLayout & CardLayout = { openOnPhones: true, push: (w.content as BarLayout).push === 'always' ? 'always' : 'never' };
  return { ...w, content: { ...w.content, ...layout } } as EmbedWidget;
};

export function PreviewPane({ draft, widgetId, timezone }: { draft: Draft; widgetId: string; timezone: string }) {
  const { me } = useSession();
  const frame = useRef<HTMLIFrameElement>(null);
  const [ready, setReady] = useState(false);
  const [device, setDevice] = useState<'desktop' | 'mobile'>('desktop');
  const [status, setStatus] = useState<'shown' | 'runtime' | 'nothing' | 'timer_over' | 'invalid' | 'pending'>('pending');
  const [replay, setReplay] = useState(0);

  useEffect(() => {
    const onMessage = (e: MessageEvent<FromFrame>) => {
      if (e.origin !== location.origin || e.source !== frame.current?.contentWindow) return;
      if (e.data.kind === 'wg-preview:ready') setReady(true);
      else if (e.data.kind === 'wg-preview:shown') setStatus('shown');
      else if (e.data.kind === 'wg-preview:failed') setStatus(e.data.reason);
    };
    addEventListener('message', onMessage);
    return () => removeEventListener('message', onMessage);
  }, []);

  const payload = JSON.stringify(draft);
  const lang = currentLang();
  useEffect(() => {
    if (!ready) return;
    const id = setTimeout(() => {
      const send = (m: ToFrame) => frame.current?.contentWindow?.postMessage(m, location.origin);
      const result = toEmbedWidget(draft, widgetId, timezone, Date.now());
      if ('nothing' in result) {
        send({ kind: 'wg-preview:clear' });
        setStatus(result.nothing);
        return;
      }
      // The badge as the tariff decides it on the live site, in the server config's words (the English runtime translates them).
      const badge = me.tariff.limits.badge ? { text: badgeTextRu(brandName()), url: `${location.origin}/?ref=badge` } : null;
      send({ kind: 'wg-preview:show', widget: device === 'desktop' ? asOnComputer(result.widget) : result.widget, badge, lang });
    }, DEBOUNCE_MS);
    return () => clearTimeout(id);
  }, [ready, payload, timezone, replay, device, lang]);

  const message =
    status === 'runtime'
      ? t('preview.noRuntime')
      : status === 'nothing'
        ? t('preview.nothing')
        : status === 'timer_over'
          ? t('preview.timerOver')
          : status === 'invalid'
            ? t('preview.invalid')
            : t('preview.note');

  return (
    <section class="preview" aria-labelledby="preview-title">
      <div class="preview-head">
        <h2 id="preview-title">{t('preview.title')}</h2>
        <div class="segmented" role="group" aria-label={t('preview.device')}>
          <button type="button" aria-pressed={device === 'desktop'} aria-label={t('preview.desktop')} title={t('preview.desktop')} onClick={() => setDevice('desktop')}>
            <Icon name="desktop" />
          </button>
          <button type="button" aria-pressed={device === 'mobile'} aria-label={t('preview.mobile')} title={t('preview.mobile')} onClick={() => setDevice('mobile')}>
            <Icon name="mobile" />
          </button>
        </div>
        <button type="button" class="btn-icon" aria-label={t('preview.replay')} title={t('preview.replay')} onClick={() => setReplay((n) => n + 1)}>
          <Icon name="refresh" />
        </button>
      </div>
      <div class={`preview-stage preview-${device}`}>
        <iframe ref={frame} src={`${BASE}/preview.html`} title={t('preview.frameTitle')} class="preview-frame" />
      </div>
      <p class={status === 'shown' || status === 'pending' ? 'hint' : 'hint hint-warn'} role="status">
        {message}
      </p>
    </section>
  );
}
