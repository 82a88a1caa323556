// rt/popup.js: a modal dialog in the middle of the screen — a message with an optional button
// link, or a lead form. Esc, the close button and the backdrop's page are all handled by
// Dialog (shell/dialog.tsx); focus returns where it was.
import type { EmbedPopupWidget } from '#contracts/core/embed.js';
import type { MountFn } from '#contracts/core/mount.js';
import { LazyLeadForm, loadLeadForm } from '../form/lazy-lead-form.js';
import { Card } from '../shell/card.js';
import { DIALOG_CSS, Dialog } from '../shell/dialog.js';
import { mountWidget, type ViewProps } from '../shell/mount-widget.js';
import { notify } from '../shell/notify.js';
import { safeUrl } from '../shell/safe-url.js';
import { lazySheet } from '../shell/styles.js';

const sheet = lazySheet(
  DIALOG_CSS +
    `
.wg-img{display:block;max-width:100%;height:auto;margin:0 0 12px;border-radius:8px}
`,
);

function PopupView({ widget, ctx, close, hidden }: ViewProps<EmbedPopupWidget>) {
  const c = widget.content;
  const image = safeUrl(c.imageUrl);
  const href = safeUrl(c.buttonUrl);
  const text = c.text && <p class="wg-text">{c.text}</p>;
  return (
    <Dialog open={!hidden} onClose={close!} labelledBy={c.title ? 'wg-title' : undefined} rank={ctx.widgets?.indexOf(widget)}>
      <Card ctx={ctx} title={c.title} onClose={close} media={image && <img class="wg-img" src={image} alt="" />}>
        {c.fields.length ? (
          <LazyLeadForm widget={widget} ctx={ctx} content={c} intro={text} />
        ) : (
          <>
            {text}
            {href && c.buttonText && (
              <a class="wg-btn" href={href} target="_blank" rel="noopener" onClick={() => notify(ctx, widget, 'click')}>
                {c.buttonText}
              </a>
            )}
          </>
        )}
      </Card>
    </Dialog>
  );
}

export const mount: MountFn = async (widget, ctx) =>
  widget.type == 'popup' ? mountWidget(widget, ctx, PopupView, { sheets: [sheet, ...(widget.content.fields.length ? [await loadLeadForm()] : [])], closable: true, modal: true }) : undefined;
