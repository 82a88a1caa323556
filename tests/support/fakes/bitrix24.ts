// A Bitrix24 inbound-webhook fake: /rest/<user>/<code>/crm.lead.add.json with the portal's
// error shape, including 503 QUERY_LIMIT_EXCEEDED.
import { startFakeServer, sendJson, type FakeServer } from './server.js';

export interface FakeBitrix24 extends FakeServer {
  /** The inbound webhook URL the licensee would paste. */
  webhookUrl: string;
  leads: Record<string, any>[];
  /** Answer the next n calls with 503 QUERY_LIMIT_EXCEEDED. */
  limitNext(n: number): void;
  requests: number;
}

export async function startFakeBitrix24(code = 'k3yw0rd9x8y7z6'): Promise<FakeBitrix24> {
  const leads: Record<string, any>[] = [];
  let limited = 0;
  const state = { requests: 0 };
  const server = await startFakeServer((req, res) => {
    state.requests++;
    const m = /^\/rest\/(\d+)\/([^/]+)\/([\w.]+?)(\.json)?$/.exec(req.path);
    if (!m || m[2] !== code) return sendJson(res, 401, { error: 'INVALID_CREDENTIALS', error_description: 'Invalid request credentials' });
    if (limited > 0) {
      limited--;
      return sendJson(res, 503, { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' });
    }
    if (m[3] !== 'crm.lead.add') return sendJson(res, 404, { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' });
    const { fields } = JSON.parse(req.body) as { fields: Record<string, any> };
    if (!fields?.TITLE) return sendJson(res, 400, { error: '', error_description: 'Не заполнено обязательное поле' });
    leads.push(fields);
    return sendJson(res, 200, { result: leads.length, time: { start: 0, finish: 0, duration: 0 } });
  });
  return {
    ...server,
    webhookUrl: `${server.url}/rest/1/${code}/`,
    leads,
    limitNext: (n) => {
      limited = n;
    },
    get requests() {
      return state.requests;
    },
  };
}
