// The secret: its last four characters and when it was issued; rotation (with confirmation)
// issues a new one, shown once here. Old connections stay; the old secret stops signing.
import { useEffect, useRef } from 'preact/hooks';
import { api } from '../api.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { ErrorBox } from '../ui/bits.js';
import { useConfirm } from '../ui/dialog.js';
import { Icon } from '../ui/icons.js';
import { useAction } from '../ui/use-action.js';
import { Card } from '../ui/section.js';
import { copyText } from './copy-field.js';
import type { RtProject, RtProjectWithSecret } from './types.js';

/** The secret just issued: a warning that it is shown once, the value, a copy button. */
export function SecretOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  // Issued by a button further down the page: bring focus (and the screen reader) to it.
  useEffect(() => title.current?.focus(), [secret]);
  return (
    <section class="card rt-secret-once" aria-labelledby="rt-secret-once-title">
      <h2 id="rt-secret-once-title" tabIndex={-1} ref={title}>
        {t('rtp.secretOnceTitle')}
      </h2>
      <p role="alert">{t('rtp.secretOnceText')}</p>
      <div class="field">
        <label for="rt-secret-value">{t('rtp.secretValue')}</label>
        <div class="rt-copy-row">
          <input id="rt-secret-value" class="input mono rt-secret-value" readOnly value={secret} ref={input} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" class="btn btn-primary" onClick={() => void copyText(secret, () => input.current?.select())}>
            <Icon name="copy" /> {t('rtp.copySecret')}
          </button>
        </div>
      </div>
      <button type="button" class="btn" onClick={onDone}>
        <Icon name="check" /> {t('rtp.secretSaved')}
      </button>
    </section>
  );
}

export function SecretCard({ project, onRotated }: { project: RtProject; onRotated: (r: RtProjectWithSecret) => void }) {
  const [dialog, ask] = useConfirm();
  const { busy, error, run } = useAction();
  const mayRotate = project.status === 'active' || project.status === 'expired';
  const rotate = async () => {
    const ok = await ask({ title: t('rtp.rotateTitle'), body: <p>{t('rtp.rotateBody')}</p>, confirm: t('rtp.rotate'), danger: true });
    if (!ok) return;
    await run(async () => onRotated(await api<RtProjectWithSecret>('POST', `/realtime/projects/${project.id}/secret`)));
  };
  return (
    <Card id="rt-secret-title" title={t('rtp.secret')}>
      <p>
        {t('rtp.secretHint', { hint: project.secret.hint })} <span class="muted">{t('rtp.secretIssued', { at: formatDateTime(project.secret.rotatedAt) })}</span>
      </p>
      <p class="muted">{project.status === 'pending_payment' ? t('rtp.secretAfterPayment') : t('rtp.secretAbout')}</p>
      {error ? <ErrorBox error={error} /> : null}
      <button type="button" class="btn" disabled={busy || !mayRotate} onClick={() => void rotate()}>
        <Icon name="refresh" /> {t('rtp.rotate')}
      </button>
      {dialog}
    </Card>
  );
}
