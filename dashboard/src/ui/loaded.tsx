// What a view shows for data it loads (useApi): the error with a retry, a placeholder while
// loading, the empty state, or the data itself — one component instead of a conditional in
// every page.
import { Fragment, type ComponentChildren, type VNode } from 'preact';
import { ErrorBox } from './bits.js';

export interface LoadedProps<T> {
  state: { data: T | undefined; error: unknown; reload: () => unknown };
  children: (data: T) => ComponentChildren;
  /** When this says the data is empty, `empty` shows instead of the children (made from the data if it needs it). */
  isEmpty?: (data: T) => boolean;
  empty?: ComponentChildren | ((data: T) => ComponentChildren);
  /** A failed reload keeps the last data on screen (polled views): the error shows only with nothing to show. */
  keepStale?: boolean;
  /** A retry button in the error box (default); off where the view has its own way out. */
  retry?: boolean;
  /** Shown while loading: the shimmering placeholder unless the view says otherwise. */
  loading?: ComponentChildren;
  /** Wraps the error and the placeholder, for views whose data brings its own frame (a page titled by the data). */
  frame?: (body: ComponentChildren) => VNode;
}

export function Loaded<T>({ state, children, isEmpty, empty = null, keepStale = false, retry = true, loading, frame }: LoadedProps<T>) {
  const { data, error } = state;
  const wrap = (body: ComponentChildren) => (frame ? frame(body) : body);
  // Keys part the waiting states from the data's: a page framed while waiting mounts afresh
  // with its data, so its heading takes the focus with the data's title.
  if (error && !(keepStale && data !== undefined)) return <Fragment key="waiting">{wrap(<ErrorBox error={error} retry={retry ? state.reload : undefined} />)}</Fragment>;
  if (data === undefined) return <Fragment key="waiting">{wrap(loading === undefined ? <div class="page-loading" aria-busy="true" /> : loading)}</Fragment>;
  if (!isEmpty?.(data)) return <Fragment key="ready">{children(data)}</Fragment>;
  return <Fragment key="ready">{typeof empty === 'function' ? (empty as (data: T) => ComponentChildren)(data) : empty}</Fragment>;
}
