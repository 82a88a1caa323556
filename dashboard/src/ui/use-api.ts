// Loads data for a view: loading and error states, reload, and an abort when the view goes
// away or its inputs change (a slow old answer must not overwrite a newer one).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface ApiState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => Promise<void>;
  setData: (update: T | ((d: T | undefined) => T | undefined)) => void;
}

export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const controller = useRef<AbortController | null>(null);

  const run = useCallback(async () => {
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setLoading(true);
    try {
      const value = await load(c.signal);
      if (c.signal.aborted) return;
      setData(() => value);
      setError(undefined);
    } catch (err) {
      if (c.signal.aborted || (err as Error).name === 'AbortError') return;
      setError(err);
    } finally {
      if (!c.signal.aborted) setLoading(false);
    }
    // `load` is a new closure each render; the caller's deps say when it means something new.
  }, deps);

  useEffect(() => {
    void run();
    return () => controller.current?.abort();
  }, [run]);

  return { data, error, loading, reload: run, setData: setData as ApiState<T>['setData'] };
}

/** Calls `fn` every `ms` while the tab is visible (and once when it becomes visible again). */
export function usePolling(fn: () => void, ms: number, enabled = true): void {
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => {
    if (!enabled) return;
    const tick = () => document.visibilityState === 'visible' && latest.current();
    const id = setInterval(tick, ms);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(id);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [ms, enabled]);
}
