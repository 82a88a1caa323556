// Turns a 422 from the sites API into messages next to the fields it names.
import { ApiRequestError } from '../api.js';

export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiRequestError) || err.code !== 'validation_failed') return {};
  const issues = (err.body.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
  const out: Record<string, string> = {};
  // "domains.1" → "domains": the list shows one message for all its inputs.
  for (const i of issues) out[i.path.split('.')[0]!] ??= i.message;
  return out;
}
