// rt/banner.js: the banner widget (image, title, text, a button link, a close button).
import type { EmbedBannerWidget } from '#contracts/core/embed.js';
import type { MountFn } from '#contracts/core/mount.js';
import { Card } from '../shell/card.js';
import { mountWidget, type ViewProps } from '../shell/mount-widget.js';
import { notify } from '../shell/notify.js';
import { safeUrl } from '../shell/safe-url.js';
import { lazySheet } from '../shell/styles.js';

const sheet = lazySheet(`
.wg-img{display:block;max-width:100%;height:auto;margin:0 0 12px;border-radius:8px}
:host([data-pos$=bar]) .wg-img{display:none}
:host([data-pos$=bar]) .wg-title,:host([data-pos$=bar]) .wg-text{display:inline;margin:0 12px 0 0}
:host([data-pos$=bar]) .wg-title{font-size:15px}
`);

function BannerView({ widget, ctx, close }: ViewProps<EmbedBannerWidget>) {
  const c = widget.content;
  const image = safeUrl(c.imageUrl);
  const href = safeUrl(c.buttonUrl);
  return (
    <Card
      ctx={ctx}
      title={c.title}
      onClose={close}
      // Decorative: the title and text carry the message, so alt is empty.
      media={image && <img class="wg-img" src={image} alt="" />}
    >
      {c.text && <p class="wg-text">{c.text}</p>}
      {href && c.buttonText && (
        <a class="wg-btn wg-button" href={href} target="_blank" rel="noopener" onClick={() => notify(ctx, widget, 'click')}>
          {c.buttonText}
        </a>
      )}
    </Card>
  );
}

export const mount: MountFn = (widget, ctx) => (widget.type == 'banner' ? mountWidget(widget, ctx, BannerView, { sheets: [sheet], closable: true }) : undefined);
