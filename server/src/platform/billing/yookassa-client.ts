// A YooKassa API v3 client over plain HTTP (fetch): create and fetch payments. Basic auth with
// the shop id and secret key; every create carries an Idempotence-Key, and a 5xx or network
// failure is retried with the same key, so a retry can never create a second payment.

export interface YooAmount {
  value: string;
  currency: 'RUB';
}

export interface YooPayment {
  id: string;
  status: 'pending' | 'waiting_for_capture' | 'succeeded' | 'canceled';
  paid: boolean;
  amount: YooAmount;
  description?: string;
  metadata?: Record<string, string>;
  confirmation?: { type: 'redirect'; confirmation_url?: string; return_url?: string };
  payment_method?: { type: string; id: string; saved: boolean; title?: string };
  cancellation_details?: { party: string; reason: string };
  created_at: string;
}

export interface YooReceipt {
  customer: { email: string };
  items: {
    description: string;
    quantity: string;
    amount: YooAmount;
    /** 1 = without VAT (the service is in the Russian software registry, offer 003 §5.8). */
    vat_code: 1;
    payment_mode: 'full_prepayment';
    payment_subject: 'service';
  }[];
}

export interface CreatePaymentRequest {
  amount: YooAmount;
  capture: true;
  description: string;
  metadata: Record<string, string>;
  receipt: YooReceipt;
  confirmation?: { type: 'redirect'; return_url: string };
  save_payment_method?: boolean;
  /** Autopay: charge a saved method without the person. */
  payment_method_id?: string;
}

class YooKassaError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`YooKassa answered ${status}`);
  }
}

export interface YooKassaClientOptions {
  baseUrl: string;
  shopId: string;
  secretKey: string;
  /** Attempts for a create/get that fails with 5xx or a network error. */
  attempts?: number;
  retryDelayMs?: number;
  fetchImpl?: typeof fetch;
}

export interface YooKassaClient {
  createPayment(request: CreatePaymentRequest, idempotenceKey: string): Promise<YooPayment>;
  getPayment(id: string): Promise<YooPayment>;
}

export const kopecksToValue = (kopecks: number): string => (kopecks / 100).toFixed(2);

export function createYooKassaClient(options: YooKassaClientOptions): YooKassaClient {
  const { baseUrl, shopId, secretKey, attempts = 3, retryDelayMs = 300, fetchImpl = fetch } = options;
  const auth = `Basic ${Buffer.from(`${shopId}:${secretKey}`).toString('base64')}`;

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, idempotenceKey?: string): Promise<T> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const res = await fetchImpl(`${baseUrl}${path}`, {
          method,
          headers: {
            authorization: auth,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(idempotenceKey ? { 'idempotence-key': idempotenceKey } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
        const json = (await res.json().catch(() => null)) as unknown;
        if (res.ok) return json as T;
        lastError = new YooKassaError(res.status, json);
        // 4xx is final: the same request would fail the same way.
        if (res.status < 500) throw lastError;
      } catch (err) {
        if (err instanceof YooKassaError && err.status < 500) throw err;
        lastError = err;
      }
      if (attempt < attempts) await new Promise((r) => setTimeout(r, retryDelayMs * attempt));
    }
    throw lastError;
  }

  return {
    createPayment: (request, idempotenceKey) => call<YooPayment>('POST', '/payments', request, idempotenceKey),
    getPayment: (id) => call<YooPayment>('GET', `/payments/${encodeURIComponent(id)}`),
  };
}
