// "Made with" link required by the licensee's tariff; drawn only from the server config.
// A plain function, not a component: one call, no component wrapper (bytes).
import type { MountContext } from '#contracts/core/mount.js';
import { safeUrl } from './safe-url.js';

export const badgeLink = (badge: NonNullable<MountContext['badge']>) => (
  <a class="wg-badge" href={safeUrl(badge.url)} target="_blank" rel="noopener">
    {badge.text}
  </a>
);
