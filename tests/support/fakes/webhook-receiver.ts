// A lead-webhook receiver that checks every request with the standardwebhooks package — an
// implementation independent of ours — and counts what it accepted per webhook-id.
import type { ServerResponse } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { startFakeServer, sendJson, type FakeServer } from './server.js';

export type ReceiverMode = 'up' | 'down' | 'gone' | 'hang';

export interface WebhookReceiver extends FakeServer {
  mode: ReceiverMode;
  secret: string;
  /** Accepted (2xx) deliveries: webhook-id → payload. */
  accepted: Map<string, unknown>;
  /** 2xx answers per webhook-id: a correct sender never makes this exceed 1 once ids are deduplicated. */
  acceptedCount: Map<string, number>;
  /** Every request's webhook-id, accepted or not. */
  seen: string[];
  rejectedSignatures: number;
  /** Requests held open in "hang" mode. */
  hanging: ServerResponse[];
  /** Once this many are accepted, hold every further request open (a destination stalling mid-stream). */
  hangAfter: number | null;
  /** Milliseconds every answer waits: a slow destination. */
  delayMs: number;
}

/**
 * `now`: the time the verifier believes it is. The package checks the timestamp against
 * Date.now() (5 minutes tolerance); tests that move a manual clock pass it here.
 */
export async function startWebhookReceiver(secret: string, now?: () => number): Promise<WebhookReceiver> {
  const receiver = {
    mode: 'up' as ReceiverMode,
    secret,
    accepted: new Map<string, unknown>(),
    acceptedCount: new Map<string, number>(),
    seen: [] as string[],
    rejectedSignatures: 0,
    hanging: [] as ServerResponse[],
    hangAfter: null as number | null,
    delayMs: 0,
  };
  const server = await startFakeServer(async (req, res) => {
    const id = String(req.headers['webhook-id'] ?? '');
    receiver.seen.push(id);
    if (receiver.delayMs > 0) await new Promise((r) => setTimeout(r, receiver.delayMs));
    if (receiver.mode === 'down') return sendJson(res, 503, { error: 'maintenance' });
    if (receiver.mode === 'gone') return sendJson(res, 410, { error: 'gone' });
    if (receiver.mode === 'hang') {
      receiver.hanging.push(res);
      return;
    }
    let payload: unknown;
    const realNow = Date.now;
    if (now) Date.now = now;
    try {
      payload = new Webhook(receiver.secret).verify(req.body, req.headers as Record<string, string>);
    } catch {
      receiver.rejectedSignatures++;
      return sendJson(res, 400, { error: 'bad signature' });
    } finally {
      Date.now = realNow;
    }
    if (receiver.hangAfter !== null && receiver.accepted.size >= receiver.hangAfter) {
      receiver.hanging.push(res);
      return;
    }
    receiver.accepted.set(id, payload);
    receiver.acceptedCount.set(id, (receiver.acceptedCount.get(id) ?? 0) + 1);
    res.statusCode = 204;
    res.end();
  });
  return Object.assign(receiver, server);
}
