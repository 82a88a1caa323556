// What GET /readyz asks: a list of named checks, each an async function that throws when its
// part cannot serve (the database is not writable, Redis is unreachable, a background loop has
// died). compose.ts adds the checks of what an app is made of; a background loop adds its own
// when it starts (`loop()`), and beats while it runs. Checks run together, each within a deadline,
// so one that hangs (a locked database) makes the node unready instead of the probe timing out.

export interface ReadinessCheck {
  name: string;
  /** Resolves when the part is ready; throws (or rejects) with the reason when it is not. */
  check(): Promise<void>;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  /** Why not; an error's message, which checks keep free of personal data. */
  error?: string;
  ms: number;
}

export interface LoopHeartbeat {
  /** The loop went round: call it on every tick. */
  beat(): void;
  /** The loop was stopped on purpose: the node is no longer ready. */
  stop(): void;
}

export interface Readiness {
  add(check: ReadinessCheck): void;
  /**
   * A background loop (the scheduler, the delivery worker) that must keep turning: ready while it
   * has beaten within `staleAfterMs` (wall-clock time, not the app's clock) and was not stopped.
   */
  loop(name: string, staleAfterMs: number): LoopHeartbeat;
  run(): Promise<{ ready: boolean; checks: CheckResult[] }>;
}

export const CHECK_TIMEOUT_MS = 3000;

export function createReadiness(options: { timeoutMs?: number; now?: () => number } = {}): Readiness {
  const timeoutMs = options.timeoutMs ?? CHECK_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const checks: ReadinessCheck[] = [];
  /** By name: a loop started again (tests do) replaces its stopped predecessor. */
  const loops = new Map<string, ReadinessCheck>();

  async function runOne(c: ReadinessCheck): Promise<CheckResult> {
    const started = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([c.check(), deadline]);
      return { name: c.name, ok: true, ms: Math.round(performance.now() - started) };
    } catch (err) {
      return { name: c.name, ok: false, error: err instanceof Error ? err.message : String(err), ms: Math.round(performance.now() - started) };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    add: (check) => void checks.push(check),
    loop(name, staleAfterMs) {
      let last = now();
      let stopped = false;
      loops.set(name, {
        name,
        check: async () => {
          if (stopped) throw new Error('stopped');
          const age = now() - last;
          if (age > staleAfterMs) throw new Error(`no turn for ${Math.round(age / 1000)} s`);
        },
      });
      return {
        beat: () => {
          last = now();
        },
        stop: () => {
          stopped = true;
        },
      };
    },
    async run() {
      const results = await Promise.all([...checks, ...loops.values()].map(runOne));
      return { ready: results.every((r) => r.ok), checks: results };
    },
  };
}
