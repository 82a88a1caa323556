// A request a button or a form sends: busy while it runs (so the button disables itself and a
// second click sends nothing), and its refusal kept for the view to show until the next try.
import { useState } from 'preact/hooks';

export interface Action {
  busy: boolean;
  error: unknown;
  /** Clears the last refusal, runs `work`, keeps what it throws. */
  run: (work: () => Promise<unknown>) => Promise<void>;
  /** For refusals found before sending (the browser's own checks) or by a request sent otherwise. */
  setError: (error: unknown) => void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, setError };
}
