export { sendAmoCrm } from './amocrm.js';
export { sendBitrix24 } from './bitrix24.js';
export { sendEmail } from './email.js';
export { sendTelegram } from './telegram.js';
export { sendWebhook } from './webhook.js';
export type { Destination, Outcome, SendContext } from './outcome.js';
