// A real modal dialog: the native <dialog> opened with showModal() sits in the top layer (above
// any z-index, untouched by transformed ancestors), makes the page inert and is announced as
// modal. We add what browsers leave out: Tab wraps inside (a focus trap rather than a walk to
// the browser's address bar), and Esc goes through the widget's own close, so the close event
// is counted and the state stays in one place. One modal at a time on a page: a dialog asked
// to open while another is open waits, and the waiting ones open in the owner's order of
// their widgets, then in the order they were asked (README, "Layout of widgets on a page").
import { Component, createRef, type ComponentChildren } from 'preact';

interface DialogProps {
  open: boolean;
  onClose(): void;
  /** id of the element that names the dialog (the card's title). */
  labelledBy?: string | undefined;
  /** The widget's place in the owner's order (MountContext.widgets): who goes first in the queue. */
  rank?: number | undefined;
  children: ComponentChildren;
}

/** What Tab can land on inside our widgets (the honeypot input has tabindex -1). */
const FOCUSABLE = 'a[href],button:not([disabled]),input:not([tabindex="-1"]),select,textarea';

/** Written compactly by hand (esbuild does not minify CSS in strings); the card draws the box. */
export const DIALOG_CSS = `
dialog{max-width:100vw;max-height:100vh;padding:0;border:0;background:none;overflow:visible}
dialog::backdrop{background:rgba(0,0,0,.5)}
`;

/** The dialog open on the page (of any widget type: this chunk is one per page), and those waiting. */
let shown: Dialog | undefined;
let waiting: Dialog[] = [];

export class Dialog extends Component<DialogProps> {
  ref = createRef<HTMLDialogElement>();

  override componentDidMount(): void {
    this.sync();
  }

  override componentDidUpdate(): void {
    this.sync();
  }

  override componentWillUnmount(): void {
    this.release();
  }

  /** The element follows the `open` prop; showModal() moves focus in, close() gives it back. */
  sync(): void {
    const d = this.ref.current!;
    // While it waits its turn, its widget is off the screen: no impression is counted for it.
    const host = (d.getRootNode() as ShadowRoot).host as HTMLElement;
    if (!this.props.open) this.release();
    else if (shown && shown != this) {
      waiting.includes(this) || waiting.push(this);
      host.hidden = true;
    } else if (!d.open) {
      shown = this;
      waiting = waiting.filter((x) => x != this);
      host.hidden = false;
      d.showModal();
    }
  }

  /** Closed (or gone): off the queue, and if it was the open one, the next in line opens. */
  release(): void {
    waiting = waiting.filter((x) => x != this);
    this.ref.current?.close();
    if (shown == this) {
      shown = undefined;
      // A stable sort: equal ranks keep the order they were asked in.
      waiting.sort((a, b) => a.props.rank! - b.props.rank!)[0]?.sync();
    }
  }

  trap = (e: KeyboardEvent) => {
    if (e.key != 'Tab') return;
    const all = this.ref.current!.querySelectorAll<HTMLElement>(FOCUSABLE);
    const first = all[0];
    const last = all[all.length - 1];
    // Focus inside a shadow root is reported by the root, not by document.activeElement.
    const active = (this.ref.current!.getRootNode() as ShadowRoot).activeElement;
    if (e.shiftKey ? active == first : active == last) {
      e.preventDefault();
      (e.shiftKey ? last : first)!.focus();
    }
  };

  render({ onClose, labelledBy, children }: DialogProps) {
    return (
      <dialog
        ref={this.ref}
        aria-modal="true"
        aria-labelledby={labelledBy}
        onKeyDown={this.trap}
        // Esc (and other close requests): through our close, not the browser's own.
        onCancel={(e) => {
          e.preventDefault();
          onClose();
        }}
      >
        {children}
      </dialog>
    );
  }
}
