// Checks a licensee-supplied destination URL when it is connected: https, and a host that does
// not resolve to a private or loopback address (the worker checks again on every request).
import { lookup } from 'node:dns/promises';
import type { Env } from '../../env.js';
import { AppError } from '../../platform/lib/errors.js';
import { checkUrl, HttpError } from './http-client.js';
import { isPrivateAddress } from './private-address.js';

const refused = (message: string) => new AppError(422, 'destination_refused', message);

export async function assertDestinationUrl(env: Env, raw: string): Promise<void> {
  const allowPrivate = env.WEBHOOKS_ALLOW_PRIVATE;
  let url: URL;
  try {
    url = checkUrl(raw, allowPrivate);
  } catch (err) {
    throw refused(err instanceof HttpError && err.failure === 'private_address' ? 'Адреса локальной сети и localhost не принимаются' : 'Нужен адрес вида https://…');
  }
  // Leads are personal data: plain HTTP only where the operator allows closed-network targets.
  if (url.protocol !== 'https:' && !allowPrivate) throw refused('Нужен адрес https:// — заявки нельзя передавать без шифрования');
  if (allowPrivate) return;
  let addresses: { address: string }[];
  try {
    addresses = await lookup(url.hostname, { all: true });
  } catch {
    throw new AppError(422, 'destination_unresolvable', `Не удаётся найти сервер ${url.hostname}`);
  }
  if (addresses.some((a) => isPrivateAddress(a.address))) throw refused('Адреса локальной сети и localhost не принимаются');
}
