// A request a button or a form sends: busy while it runs (so the button disables itself and a
// second click sends nothing), and its refusal kept for the view to show until the next try.
import { useState } from 'preact/hooks';

export interface Action {
  busy: boolean;
  /** Which request runs, where the view names them (a card whose buttons each say "…ing" themselves). */
  running: string | null;
  error: unknown;
  /** Clears the last refusal, runs `work`, keeps what it throws. */
  run: (work: () => Promise<unknown>, what?: string) => Promise<void>;
  /** For refusals found before sending (the browser's own checks) or by a request sent otherwise. */
  setError: (error: unknown) => void;
}

export function useAction(): Action {
  const [running, setRunning] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (work: () => Promise<unknown>, what = '') => {
    setRunning(what);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setRunning(null);
    }
  };
  return { busy: running !== null, running, error, run, setError };
}
