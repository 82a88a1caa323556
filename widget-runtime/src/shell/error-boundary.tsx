// One per widget: a widget that throws while rendering disappears alone; the others and the
// host page are untouched.
import { Component, type ComponentChildren } from 'preact';
import { log } from './log.js';

interface ErrorBoundaryProps {
  children: ComponentChildren;
  /** Called once, synchronously, when a child throws (mount-widget removes the host). */
  onError(): void;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, { failed?: boolean }> {
  override componentDidCatch(error: unknown): void {
    log(error);
    this.props.onError();
    this.setState({ failed: true });
  }

  override render() {
    return this.state.failed ? null : this.props.children;
  }
}
