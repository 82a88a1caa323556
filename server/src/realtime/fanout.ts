// Sends frames to many sockets without stalling the event loop: deliveries wait in one FIFO
// (so frames keep their publish order) and are sent in slices of at most SLICE_MS, yielding to
// I/O between slices with setImmediate. A channel of 100 000 subscribers thus costs several
// short slices instead of one long block, and pings, publishes and new connections go on.

/** Well under the 50 ms stall budget: a slice may overrun by one batch of sends. */
export const SLICE_MS = 8;
/** Sends between clock reads: reading performance.now() per socket would cost more than the send. */
const CHECK_EVERY = 64;

export interface Recipient {
  readonly id: string;
  send(frame: Buffer): void;
}

interface Job {
  targets: readonly Recipient[];
  next: number;
  frame: Buffer;
  except: string | undefined;
}

export interface FanOut {
  enqueue(targets: readonly Recipient[], frame: string, exceptId?: string): void;
  /** Deliveries not yet fully sent (for tests and shutdown). */
  pending(): number;
  /** The longest single slice so far, in ms (tests assert the stall bound). */
  longestSliceMs(): number;
}

export function createFanOut(): FanOut {
  const queue: Job[] = [];
  let head = 0;
  let scheduled = false;
  let running = false;
  let longest = 0;

  function pump() {
    scheduled = false;
    running = true;
    const start = performance.now();
    try {
      while (head < queue.length) {
        const job = queue[head]!;
        while (job.next < job.targets.length) {
          const r = job.targets[job.next++]!;
          if (r.id !== job.except) r.send(job.frame);
          if (job.next % CHECK_EVERY === 0 && performance.now() - start > SLICE_MS) {
            schedule();
            return;
          }
        }
        queue[head++] = undefined as unknown as Job;
        // Under sustained load the queue never drains: drop the sent prefix now and then.
        if (head >= 1024 && head * 2 >= queue.length) {
          queue.splice(0, head);
          head = 0;
        }
      }
      queue.length = 0;
      head = 0;
    } finally {
      running = false;
      longest = Math.max(longest, performance.now() - start);
    }
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(pump);
  }

  return {
    enqueue(targets, frame, exceptId) {
      if (targets.length === 0) return;
      // One Buffer per delivery: ws would otherwise encode the string again for every socket.
      queue.push({ targets, next: 0, frame: Buffer.from(frame, 'utf8'), except: exceptId });
      // Idle: start at once (the common case — low latency); busy: the running pump gets to it in order.
      if (!running && !scheduled) pump();
    },
    pending: () => queue.length - head,
    longestSliceMs: () => longest,
  };
}
