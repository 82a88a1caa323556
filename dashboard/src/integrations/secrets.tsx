// What a licensee copies into the other side: the webhook signing secret (whsec_…) and the
// Telegram deep link that carries the one-time /start token.
import { formatDateTime, t } from '../i18n/i18n.js';
import { CopyButton } from '../ui/bits.js';
import { Icon } from '../ui/icons.js';

export interface TelegramLink {
  url: string;
  groupUrl: string;
  expiresAt: number;
}

export function SecretBox({ secret, once }: { secret: string; once?: boolean }) {
  return (
    <div class="secret-box">
      <p>
        <strong>{t('intg.secretTitle')}</strong>
      </p>
      <p class="hint">{once ? t('intg.secretOnce') : t('intg.secretHint')}</p>
      <p>
        <code class="secret-code">{secret}</code>
      </p>
      <CopyButton text={secret} label={t('intg.copySecret')} />
    </div>
  );
}

/** The token is the "start" parameter; a person may also send "/start <token>" to the bot themselves. */
export function TelegramLinkBox({ link }: { link: TelegramLink }) {
  const token = new URL(link.url).searchParams.get('start') ?? '';
  return (
    <div class="secret-box">
      <p>
        <strong>{t('intg.tgLinkTitle')}</strong>
      </p>
      <p class="hint">{t('intg.tgLinkHint', { until: formatDateTime(link.expiresAt) })}</p>
      <div class="intg-actions">
        <a class="btn btn-primary" href={link.url} target="_blank" rel="noopener noreferrer">
          <Icon name="external" /> {t('intg.tgOpenChat')}
        </a>
        <a class="btn" href={link.groupUrl} target="_blank" rel="noopener noreferrer">
          <Icon name="external" /> {t('intg.tgOpenGroup')}
        </a>
      </div>
      <p class="hint">{t('intg.tgManual')}</p>
      <p>
        <code class="secret-code">{`/start ${token}`}</code>
      </p>
    </div>
  );
}
