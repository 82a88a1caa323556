// rt/callback.js: a floating phone button that opens a "call me back" form in a modal dialog.
// widgetry('open', id) and a click trigger open the form itself, as a site's own
// "Заказать звонок" button expects.
import { Component } from 'preact';
import type { EmbedCallbackWidget } from '#contracts/core/embed.js';
import type { MountFn } from '#contracts/core/mount.js';
import { LazyLeadForm, loadLeadForm } from '../form/lazy-lead-form.js';
import { Card } from '../shell/card.js';
import { DIALOG_CSS, Dialog } from '../shell/dialog.js';
import { FAB_CSS, Fab, Icon } from '../shell/fab.js';
import { mountWidget, type ViewProps } from '../shell/mount-widget.js';
import { notify } from '../shell/notify.js';
import { lazySheet } from '../shell/styles.js';

const sheet = lazySheet(DIALOG_CSS + FAB_CSS);

const PHONE =
  'M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1 1 .4 1.9.7 2.8a2 2 0 0 1-.5 2.1L8 9.9a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.8.7a2 2 0 0 1 1.7 2z';

class CallbackView extends Component<ViewProps<EmbedCallbackWidget>, { open?: boolean }> {
  // widgetry('open') and click triggers call the handle's open(), which counts `opened` up.
  override componentDidUpdate(prev: ViewProps<EmbedCallbackWidget>): void {
    if (this.props.opened > prev.opened) this.setState({ open: true });
  }

  show = () => {
    this.setState({ open: true });
    notify(this.props.ctx, this.props.widget, 'click');
  };

  shut = () => {
    if (this.state.open) {
      this.setState({ open: false });
      notify(this.props.ctx, this.props.widget, 'close');
    }
  };

  override render({ widget, ctx, hidden }: ViewProps<EmbedCallbackWidget>, { open }: { open?: boolean }) {
    const c = widget.content;
    return (
      <>
        <Fab label={c.buttonText} onClick={this.show} dialog>
          <Icon d={PHONE} />
        </Fab>
        <Dialog open={!hidden && !!open} onClose={this.shut} labelledBy={c.title ? 'wg-title' : undefined} rank={ctx.widgets?.indexOf(widget)}>
          <Card ctx={ctx} title={c.title} onClose={this.shut}>
            <LazyLeadForm widget={widget} ctx={ctx} content={c} intro={c.text && <p class="wg-text">{c.text}</p>} />
          </Card>
        </Dialog>
      </>
    );
  }
}

export const mount: MountFn = async (widget, ctx) => (widget.type == 'callback' ? mountWidget(widget, ctx, CallbackView, { sheets: [sheet, await loadLeadForm()], closable: false }) : undefined);
