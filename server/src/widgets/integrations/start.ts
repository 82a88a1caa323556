// Starts lead delivery with the server: the outbox worker, and the Telegram bot's webhook
// registration (best effort: a failure is logged, linking waits until it works).
import type { AppDeps } from '../../deps.js';
import { registerTelegramWebhook } from './telegram-bot.js';
import { createDeliveryWorker, type DeliveryWorkerOptions } from './worker.js';

export function startDeliveries(deps: AppDeps, options: DeliveryWorkerOptions = {}): { stop(): Promise<void> } {
  const worker = createDeliveryWorker(deps, options);
  worker.start();
  registerTelegramWebhook(deps.env).then(
    (result) => deps.logger.info('telegram.webhook', { result }),
    (err) => deps.logger.warn('telegram.webhook_failed', { error: err instanceof Error ? err.message : 'unknown' }),
  );
  return worker;
}
