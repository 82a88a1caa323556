// rt/messengers.js: a floating button that unfolds links to the licensee's messengers and phone.
// A disclosure (aria-expanded), not a dialog: the links are a short list in a card above the
// button, with the badge where the tariff wants it.
import { Component } from 'preact';
import type { EmbedMessengersWidget } from '#contracts/core/embed.js';
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
.wg-ch{display:block;padding:10px 12px;border-radius:8px;text-decoration:none}
.wg-ch:hover{background:rgba(127,127,127,.15)}
`,
);

const CHAT = 'M21 11.5a8.4 8.4 0 0 1-9 8.4 8.5 8.5 0 0 1-3.8-.9L3 21l1.9-5.2A8.4 8.4 0 0 1 12 3a8.5 8.5 0 0 1 9 8.5z';

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
                      {ch.label}
                    </a>
                  </li>
                ))}
              </ul>
            </Card>
          </div>
        )}
        <Fab label={c.buttonText} onClick={this.toggle} expanded={!!open} controls={open ? 'wg-list' : undefined}>
          <Icon d={CHAT} />
        </Fab>
      </div>
    );
  }
}

export const mount: MountFn = (widget, ctx) => (widget.type == 'messengers' ? mountWidget(widget, ctx, MessengersView, { sheets: [sheet], closable: false }) : undefined);
