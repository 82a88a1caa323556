// rt/messengers.js: a floating button, the owner's text beside a chat sign, that unfolds links to
// the licensee's messengers and phone.
// A disclosure (aria-expanded), not a dialog: the links are a short list in a card above the
// button, with the badge where the tariff wants it.
import { Component } from 'preact';
import type { EmbedMessengersWidget } from '#contracts/core/embed.js';
import type { ChannelKind } from '#contracts/core/messengers.js';
import type { MountFn } from '#contracts/core/mount.js';
import { Card } from '../shell/card.js';
import { FAB_CSS, Fab, Icon } from '../shell/fab.js';
import { mountWidget, type ViewProps } from '../shell/mount-widget.js';
import { notify } from '../shell/notify.js';
import { lazySheet } from '../shell/styles.js';

const sheet = lazySheet(
  FAB_CSS +
    `
.wg-msg{display:flex;flex-direction:column;align-items:flex-end;gap:12px}
:host([data-pos^=top]) .wg-msg{flex-direction:column-reverse}
:host([data-pos$=left]) .wg-msg{align-items:flex-start}
.wg-msg .wg-card{width:auto;min-width:220px;padding:12px}
ul{margin:0;padding:0;list-style:none}
.wg-ch{display:flex;align-items:center;gap:8px;padding:8px;border-radius:8px;text-decoration:none}
.wg-ch:hover{background:rgba(127,127,127,.15)}
i{display:grid;place-items:center;width:32px;height:32px;border-radius:50%;color:#fff;background:#1a4}
i svg{width:18px;height:18px}
.wg-telegram i{background:#29d}.wg-whatsapp i{background:#2c6}.wg-vk i{background:#07f}.wg-max i{background:#74f}
.wg-fab{width:auto;max-width:90vw;padding:0 20px 0 14px;border-radius:28px;grid-auto-flow:column;gap:8px;font:600 15px system-ui,sans-serif}
b{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
`,
);

const CHAT = 'M21 11.5a8.4 8.4 0 0 1-9 8.4 8.5 8.5 0 0 1-3.8-.9L3 21l1.9-5.2A8.4 8.4 0 0 1 12 3a8.5 8.5 0 0 1 9 8.5z';

/**
 * Each messenger in its own colour (CSS above) with a sign visitors know it by, drawn small and
 * simplified (a paper plane, a speech bubble, "VK", "M", a handset) to stay within the byte budget.
 */
const SIGNS: Record<ChannelKind, string> = {
  telegram: 'M21 4 3 11l6 2 2 6 3-4 5 4z',
  whatsapp: CHAT,
  vk: 'M3 7l4 10 4-10m3 0v10m6-10-6 5 6 5',
  max: 'M4 19V5l8 9 8-9v14',
  phone: 'M5 3h4l2 5-3 2q2 4 6 6l2-3 5 2v4q0 2-2 2Q4 20 3 5q0-2 2-2',
};

/** The server builds the links; still, only https: and tel: reach the page. */
const safeHref = (href: string) => (/^(https:\/\/|tel:\+?\d+$)/.test(href) ? href : undefined);

class MessengersView extends Component<ViewProps<EmbedMessengersWidget>, { open?: boolean }> {
  override componentDidUpdate(prev: ViewProps<EmbedMessengersWidget>): void {
    if (this.props.opened > prev.opened) this.setState({ open: true });
  }

  toggle = () => this.setState({ open: !this.state.open });

  /** Esc folds the list and leaves focus on the button, as a disclosure should. */
  key = (e: KeyboardEvent) => {
    if (e.key == 'Escape' && this.state.open) {
      this.setState({ open: false });
      ((e.currentTarget as HTMLElement).querySelector('.wg-fab') as HTMLElement).focus();
    }
  };

  override render({ widget, ctx }: ViewProps<EmbedMessengersWidget>, { open }: { open?: boolean }) {
    const c = widget.content;
    return (
      <div class="wg-msg" onKeyDown={this.key}>
        {open && (
          <div id="wg-list">
            <Card ctx={ctx} title={c.title}>
              {/* role=list: Safari drops list semantics from list-style:none lists. */}
              <ul role="list">
                {c.channels.map((ch) => (
                  <li key={ch.href}>
                    <a class={'wg-ch wg-' + ch.kind} href={safeHref(ch.href)} target="_blank" rel="noopener" onClick={() => notify(ctx, widget, 'click')}>
                      <i>
                        <Icon d={SIGNS[ch.kind]} />
                      </i>
                      {ch.label}
                    </a>
                  </li>
                ))}
              </ul>
            </Card>
          </div>
        )}
        {/* The owner's text shows on the button itself, beside the sign: a visitor reads what it does. */}
        <Fab label={c.buttonText} onClick={this.toggle} expanded={!!open} controls={open ? 'wg-list' : undefined}>
          <Icon d={CHAT} />
          <b>{c.buttonText}</b>
        </Fab>
      </div>
    );
  }
}

export const mount: MountFn = (widget, ctx) => (widget.type == 'messengers' ? mountWidget(widget, ctx, MessengersView, { sheets: [sheet], closable: false }) : undefined);
