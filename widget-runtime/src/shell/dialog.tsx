// A real modal dialog: the native <dialog> opened with showModal() sits in the top layer (above
// any z-index, untouched by transformed ancestors), makes the page inert and is announced as
// modal. We add what browsers leave out: Tab wraps inside (a focus trap rather than a walk to
// the browser's address bar), and Esc goes through the widget's own close, so the close event
// is counted and the state stays in one place.
import { Component, createRef, type ComponentChildren } from 'preact';

interface DialogProps {
  open: boolean;
  onClose(): void;
  /** id of the element that names the dialog (the card's title). */
  labelledBy?: string | undefined;
  children: ComponentChildren;
}

/** What Tab can land on inside our widgets (the honeypot input has tabindex -1). */
const FOCUSABLE = 'a[href],button:not([disabled]),input:not([tabindex="-1"]),select,textarea';

/** Written compactly by hand (esbuild does not minify CSS in strings); the card draws the box. */
export const DIALOG_CSS = `
dialog{max-width:100vw;max-height:100vh;padding:0;border:0;background:none;overflow:visible}
dialog::backdrop{background:rgba(0,0,0,.5)}
`;

export class Dialog extends Component<DialogProps> {
  ref = createRef<HTMLDialogElement>();

  override componentDidMount(): void {
    this.sync();
  }

  override componentDidUpdate(): void {
    this.sync();
  }

  /** The element follows the `open` prop; showModal() moves focus in, close() gives it back. */
  sync(): void {
    const d = this.ref.current!;
    if (this.props.open != d.open) this.props.open ? d.showModal() : d.close();
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
