// A lead's phone: a tel: link (a tap calls on a phone; a click hands it to the computer's
// calling app) and a copy button, for the manager's next step whatever their setup.
import { t } from '../i18n/i18n.js';
import { copyText } from '../realtime/copy-field.js';
import { Icon } from '../ui/icons.js';
import { formatPhone } from '#contracts/core/phone-format.js';

/** Only an E.164 value becomes a link: anything else the browser would dial as typed. */
const E164 = /^\+\d{8,15}$/;

export function PhoneLink({ phone }: { phone: string }) {
  const shown = formatPhone(phone);
  if (!E164.test(phone)) return <span class="nowrap">{shown}</span>;
  return (
    <span class="phone-link">
      <a href={`tel:${phone}`} class="nowrap" aria-label={t('leads.call', { phone: shown })}>
        <Icon name="phone" /> {shown}
      </a>
      <button type="button" class="btn-icon btn-icon-small" aria-label={t('leads.copyPhone', { phone: shown })} onClick={() => void copyText(phone)}>
        <Icon name="copy" />
      </button>
    </span>
  );
}
