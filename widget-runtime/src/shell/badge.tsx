// "Made with" link required by the licensee's tariff; drawn only from the server config.
// A plain function, not a component: one call, no component wrapper (bytes).
import type { MountContext } from '#contracts/core/mount.js';
import { EN } from './i18n.js';
import { safeUrl } from './safe-url.js';

export const badgeLink = (badge: NonNullable<MountContext['badge']>) => (
  <a class="wg-badge" href={safeUrl(badge.url)} target="_blank" rel="noopener">
    {/* The config is one for every page of a site and says «Сделано на {brand}» (contracts/core/badge.ts, whose test
        holds this 10); an English page's build says it in English. A slice, not a replace: Cyrillic costs the embed's budget escaped. */}
    {EN ? 'Made with' + badge.text.slice(10) : badge.text}
  </a>
);
