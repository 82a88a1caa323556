// What to paste into a client: each host setting with its own copy button, and whole
// snippets for pusher-js, Laravel Echo (+ .env) and the `pusher` Node SDK.
import { useRef, useState } from 'preact/hooks';
import { t, type Key } from '../i18n/i18n.js';
import { CopyButton } from '../ui/bits.js';
import { Card } from '../ui/section.js';
import { CopyField } from './copy-field.js';
import { snippet, SNIPPET_IDS, type SnippetId } from './snippets.js';
import type { RtProject } from './types.js';

const TAB_LABEL: Record<SnippetId, Key> = { pusherJs: 'rtp.snipPusherJs', echo: 'rtp.snipEcho', laravelEnv: 'rtp.snipLaravelEnv', node: 'rtp.snipNode' };

export function ConnectionCard({ project }: { project: RtProject }) {
  const c = project.connection;
  const [tab, setTab] = useState<SnippetId>('pusherJs');
  const code = useRef<HTMLElement>(null);
  const text = snippet(tab, c);
  const selectCode = () => {
    const el = code.current;
    if (!el) return;
    const range = document.createRange();
    range.selectNodeContents(el);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
  };
  return (
    <Card id="rt-conn-title" title={t('rtp.connTitle')}>
      <p class="muted">{t('rtp.connLead')}</p>
      <div class="rt-conn-grid">
        <CopyField label={t('rtp.appId')} value={c.appId} />
        <CopyField label={t('rtp.key')} value={c.key} />
        <CopyField label={t('rtp.host')} value={c.host} />
        <CopyField label={t('rtp.port')} value={String(c.port)} />
        <CopyField label={t('rtp.scheme')} value={c.useTLS ? 'wss' : 'ws'} hint={c.useTLS ? t('rtp.schemeTls') : t('rtp.schemePlain')} />
        <CopyField label={t('rtp.cluster')} value={c.pusherJs.cluster} hint={t('rtp.clusterHint')} />
      </div>
      <CopyField label={t('rtp.wsUrl')} value={c.websocketUrl} />
      <CopyField label={t('rtp.apiUrl')} value={c.httpApiUrl} />

      <h3 class="rt-subtitle" id="rt-snip-title">
        {t('rtp.snippets')}
      </h3>
      <div class="segmented rt-wrap" role="group" aria-labelledby="rt-snip-title">
        {SNIPPET_IDS.map((id) => (
          <button key={id} type="button" aria-pressed={tab === id} onClick={() => setTab(id)}>
            {t(TAB_LABEL[id])}
          </button>
        ))}
      </div>
      <div class="code-block">
        <pre tabIndex={0} aria-label={t(TAB_LABEL[tab])}>
          <code ref={code}>{text}</code>
        </pre>
        <CopyButton text={text} label={t('rtp.copySnippet')} fallbackSelect={selectCode} />
      </div>
      <p class="hint">{t('rtp.snippetSecretHint')}</p>
    </Card>
  );
}
