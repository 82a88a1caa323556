// "Made with" link required by the licensee's tariff; drawn only from the server config.
import type { MountContext } from '../mount-context.js';
import { safeUrl } from './safe-url.js';

export function Badge({ badge }: { badge: NonNullable<MountContext['badge']> }) {
  return (
    <a class="wg-badge" href={safeUrl(badge.url)} target="_blank" rel="noopener">
      {badge.text}
    </a>
  );
}
