// What a view shows for data it loads (useApi): the error with a retry, a placeholder while
// loading, the empty state, or the data itself — one component instead of a conditional in
// every page.
import type { ComponentChildren } from 'preact';
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
  frame?: (body: ComponentChildren, waiting: 'error' | 'loading') => ComponentChildren;
}

export function Loaded<T>({ state, children, isEmpty, empty = null, keepStale = false, retry = true, loading, frame }: LoadedProps<T>) {
  const { data, error } = state;
  if (error && !(keepStale && data !== undefined)) {
    const box = <ErrorBox error={error} retry={retry ? state.reload : undefined} />;
    return <>{frame ? frame(box, 'error') : box}</>;
  }
  if (data === undefined) {
    const placeholder = loading === undefined ? <div class="page-loading" aria-busy="true" /> : loading;
    return <>{frame ? frame(placeholder, 'loading') : placeholder}</>;
  }
  if (!isEmpty?.(data)) return <>{children(data)}</>;
  return <>{typeof empty === 'function' ? (empty as (data: T) => ComponentChildren)(data) : empty}</>;
}

/** The data when Loaded shows it (not while loading, not over an error): for the page's title bar. */
export const shownData = <T,>({ data, error }: LoadedProps<T>['state']): T | undefined => (error ? undefined : data);
