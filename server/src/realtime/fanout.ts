// Sends frames to many sockets without stalling the event loop: deliveries wait in one FIFO
// (so frames keep their publish order) and are sent in slices of at most SLICE_MS, yielding to
// I/O between slices with setImmediate. A channel of 100 000 subscribers thus costs several
// short slices instead of one long block, and pings, publishes and new connections go on.
//
// Sending starts on the next turn of the event loop, not inside enqueue: publishes that arrive
// together (several HTTP requests read in one poll phase) then leave together, and consecutive
// deliveries to the same subscriber list are written to each socket corked, as one write
// instead of one syscall per frame. The socket writes are most of the fan-out's cost (profile in
// bench/src/analysis.ts), and the wait is one loop turn, well under a millisecond when idle.

/** Well under the 50 ms stall budget: a slice may overrun by one batch of sends. */
export const SLICE_MS = 8;
/** Sends between clock reads: reading performance.now() per socket would cost more than the send. */
const CHECK_EVERY = 64;

export interface Recipient {
  readonly id: string;
  send(frame: Buffer): void;
  /** Optional: hold writes until uncork(), so several frames leave in one syscall. */
  cork?(): void;
  uncork?(): void;
}

interface Job {
  targets: readonly Recipient[];
  next: number;
  /** One or more deliveries to the same subscriber list, in publish order. */
  frames: Buffer[];
  excepts: (string | undefined)[];
}

export interface FanOut {
  enqueue(targets: readonly Recipient[], frame: string, exceptId?: string): void;
  /** Deliveries not yet fully sent (for tests and shutdown). */
  pending(): number;
  /** The longest single slice so far, in ms (tests assert the stall bound). */
  longestSliceMs(): number;
  /** Frames handed to sockets so far (the metrics' realtime deliveries). */
  sent(): number;
}

/** Returns how many frames it sent. */
function sendAll(r: Recipient, job: Job): number {
  const { frames, excepts } = job;
  if (frames.length === 1) {
    if (r.id === excepts[0]) return 0;
    r.send(frames[0]!);
    return 1;
  }
  let n = 0;
  r.cork?.();
  try {
    for (let i = 0; i < frames.length; i++)
      if (r.id !== excepts[i]) {
        r.send(frames[i]!);
        n++;
      }
  } finally {
    r.uncork?.();
  }
  return n;
}

export function createFanOut(): FanOut {
  const queue: Job[] = [];
  let head = 0;
  let scheduled = false;
  let longest = 0;
  let sent = 0;

  function pump() {
    scheduled = false;
    const start = performance.now();
    try {
      while (head < queue.length) {
        const job = queue[head]!;
        while (job.next < job.targets.length) {
          sent += sendAll(job.targets[job.next++]!, job);
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
      const buf = Buffer.from(frame, 'utf8');
      const last = head < queue.length ? queue[queue.length - 1] : undefined;
      // Joins the previous delivery only if it has the same subscribers and none has been sent
      // to yet, so every socket still gets every frame in publish order.
      if (last && last.targets === targets && last.next === 0) {
        last.frames.push(buf);
        last.excepts.push(exceptId);
      } else {
        queue.push({ targets, next: 0, frames: [buf], excepts: [exceptId] });
      }
      schedule();
    },
    pending: () => queue.length - head,
    longestSliceMs: () => longest,
    sent: () => sent,
  };
}
