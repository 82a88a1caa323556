// A local stand-in for YooKassa that speaks its API v3 over real HTTP: payments with
// idempotence keys, a confirmation page a browser can click through, saved payment methods,
// autopay charges, cancellations with reasons, injected 5xx, and webhooks sent back to us.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakePayment {
  id: string;
  status: 'pending' | 'waiting_for_capture' | 'succeeded' | 'canceled';
  paid: boolean;
  amount: { value: string; currency: string };
  description: string;
  metadata: Record<string, string>;
  confirmation?: { type: 'redirect'; confirmation_url: string; return_url: string };
  payment_method?: { type: string; id: string; saved: boolean; title: string };
  cancellation_details?: { party: string; reason: string };
  receipt?: unknown;
  save_payment_method?: boolean;
  created_at: string;
  test: true;
}

export interface FakeYooKassaOptions {
  shopId?: string;
  secretKey?: string;
  /** Where to POST notifications (our /api/webhooks/yookassa). */
  webhookUrl?: string;
}

export async function startFakeYooKassa(options: FakeYooKassaOptions = {}) {
  const shopId = options.shopId ?? 'shop-1';
  const secretKey = options.secretKey ?? 'test_secret';
  const payments = new Map<string, FakePayment>();
  const byKey = new Map<string, string>();
  const savedMethods = new Set<string>();
  const createRequests: { key: string; body: any }[] = [];
  let failNext = 0;
  let failAfterCreate = 0;
  let autopayOutcome: { status: 'succeeded' } | { status: 'canceled'; reason: string } = { status: 'succeeded' };
  let webhookUrl = options.webhookUrl;

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };

  async function notify(p: FakePayment) {
    if (!webhookUrl) return;
    const event = p.status === 'succeeded' ? 'payment.succeeded' : p.status === 'canceled' ? 'payment.canceled' : `payment.${p.status}`;
    await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'notification', event, object: p }) }).catch(() => undefined);
  }

  function settle(p: FakePayment, outcome: { status: 'succeeded' } | { status: 'canceled'; reason: string }) {
    if (outcome.status === 'succeeded') {
      p.status = 'succeeded';
      p.paid = true;
      const method = p.payment_method ?? { type: 'bank_card', id: `pm_${randomUUID()}`, saved: false, title: 'Bank card *4444' };
      if (p.save_payment_method) {
        method.saved = true;
        savedMethods.add(method.id);
      }
      p.payment_method = method;
    } else {
      p.status = 'canceled';
      p.cancellation_details = { party: 'payment_network', reason: outcome.reason };
      if (outcome.reason === 'permission_revoked' && p.payment_method) savedMethods.delete(p.payment_method.id);
    }
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // The confirmation page a payer's browser is sent to.
      const confirm = url.pathname.match(/^\/confirm\/([\w-]+)(\/(pay|cancel))?$/);
      if (confirm) {
        const p = payments.get(confirm[1]!);
        if (!p) return json(res, 404, { type: 'error', code: 'not_found' });
        if (req.method === 'POST' && confirm[3]) {
          settle(p, confirm[3] === 'pay' ? { status: 'succeeded' } : { status: 'canceled', reason: 'expired_on_confirmation' });
          await notify(p);
          res.writeHead(303, { location: p.confirmation!.return_url }).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>ЮKassa (тест)</title></head><body>
<h1>Оплата ${p.amount.value} ₽</h1><p>${p.description}</p>
<form method="post" action="/confirm/${p.id}/pay"><button>Оплатить</button></form>
<form method="post" action="/confirm/${p.id}/cancel"><button>Отменить</button></form></body></html>`);
        return;
      }
      if (!url.pathname.startsWith('/v3/')) return json(res, 404, { type: 'error', code: 'not_found' });
      const expected = `Basic ${Buffer.from(`${shopId}:${secretKey}`).toString('base64')}`;
      if (req.headers.authorization !== expected) return json(res, 401, { type: 'error', code: 'invalid_credentials' });
      if (failNext > 0) {
        failNext -= 1;
        return json(res, 500, { type: 'error', code: 'internal_server_error' });
      }
      if (req.method === 'POST' && url.pathname === '/v3/payments') {
        const key = req.headers['idempotence-key'];
        if (typeof key !== 'string' || !key) return json(res, 400, { type: 'error', code: 'invalid_request', parameter: 'Idempotence-Key' });
        const body = JSON.parse(await readBody(req));
        createRequests.push({ key, body });
        const existing = byKey.get(key);
        if (existing) return json(res, 200, payments.get(existing));
        if (!body.amount?.value || !body.receipt?.customer?.email || body.receipt?.items?.[0]?.vat_code === undefined) {
          return json(res, 400, { type: 'error', code: 'invalid_request', description: 'amount and receipt are required' });
        }
        const id = randomUUID();
        const p: FakePayment = {
          id,
          status: 'pending',
          paid: false,
          amount: body.amount,
          description: body.description,
          metadata: body.metadata ?? {},
          receipt: body.receipt,
          save_payment_method: body.save_payment_method === true,
          created_at: new Date().toISOString(),
          test: true,
        };
        if (body.payment_method_id) {
          // An autopay charge: no person, settled at once.
          if (!savedMethods.has(body.payment_method_id)) return json(res, 400, { type: 'error', code: 'invalid_request', parameter: 'payment_method_id' });
          p.payment_method = { type: 'bank_card', id: body.payment_method_id, saved: true, title: 'Bank card *4444' };
          settle(p, autopayOutcome);
        } else {
          p.confirmation = { type: 'redirect', confirmation_url: `${origin}/confirm/${id}`, return_url: body.confirmation?.return_url ?? '' };
        }
        payments.set(id, p);
        byKey.set(key, id);
        if (failAfterCreate > 0) {
          failAfterCreate -= 1;
          return json(res, 500, { type: 'error', code: 'internal_server_error' });
        }
        return json(res, 200, p);
      }
      const get = url.pathname.match(/^\/v3\/payments\/([\w-]+)$/);
      if (req.method === 'GET' && get) {
        const p = payments.get(get[1]!);
        return p ? json(res, 200, p) : json(res, 404, { type: 'error', code: 'not_found' });
      }
      json(res, 404, { type: 'error', code: 'not_found' });
    } catch (err) {
      json(res, 500, { type: 'error', code: 'internal_server_error', description: String(err) });
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${origin}/v3`,
    origin,
    shopId,
    secretKey,
    payments,
    createRequests,
    /** The next n API calls answer 500 without doing anything. */
    failNext: (n: number) => {
      failNext = n;
    },
    /** The next n creates do create the payment, then answer 500 (the retry must not pay twice). */
    failAfterCreate: (n: number) => {
      failAfterCreate = n;
    },
    setAutopayOutcome: (o: typeof autopayOutcome) => {
      autopayOutcome = o;
    },
    setWebhookUrl: (u: string) => {
      webhookUrl = u;
    },
    /** Settles a payment as the payer would on the confirmation page, and notifies us. */
    async pay(id: string) {
      const p = payments.get(id)!;
      settle(p, { status: 'succeeded' });
      await notify(p);
    },
    async cancel(id: string, reason = 'insufficient_funds') {
      const p = payments.get(id)!;
      settle(p, { status: 'canceled', reason });
      await notify(p);
    },
    revokeMethod: (methodId: string) => void savedMethods.delete(methodId),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export type FakeYooKassa = Awaited<ReturnType<typeof startFakeYooKassa>>;
