// Generic webhook per Standard Webhooks: signed, the same webhook-id on every try, 10 s to
// answer, only 2xx counts, 410 Gone switches the endpoint off (the receiver asked us to stop).
import type { WebhookConfig } from '../destination-config.js';
import { HttpError, httpRequest } from '../http-client.js';
import { webhookPayload } from '../webhook-payload.js';
import { webhookHeaders } from '../webhook-signature.js';
import { httpFailure, type Destination } from './outcome.js';

export const sendWebhook: Destination<WebhookConfig> = async ({ env, clock, doc, config, messageId }) => {
  const body = JSON.stringify(webhookPayload(doc));
  try {
    const res = await httpRequest({ url: config.url, headers: webhookHeaders(config.secret, messageId, clock.now(), body), body, allowPrivate: env.WEBHOOKS_ALLOW_PRIVATE });
    if (res.status >= 200 && res.status < 300) return { kind: 'delivered', statusCode: res.status };
    if (res.status === 410) return { kind: 'broken', statusCode: 410, error: 'endpoint answered 410 Gone', integrationStatus: 'disabled' };
    return { kind: 'failed', statusCode: res.status, error: httpFailure(res.status) };
  } catch (err) {
    return { kind: 'failed', error: err instanceof HttpError ? err.message : 'request failed' };
  }
};
