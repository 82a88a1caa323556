// An amoCRM API v4 fake: POST /api/v4/leads/complex and /api/v4/leads/notes behind a
// long-lived Bearer token, answering as amoCRM does.
import { startFakeServer, sendJson, type FakeServer } from './server.js';

export interface FakeAmoCrm extends FakeServer {
  token: string;
  deals: { id: number; body: any }[];
  notes: { dealId: number; text: string }[];
  /** Answer the next n note requests with this status. */
  failNotes(n: number, status: number): void;
}

export async function startFakeAmoCrm(token = 'amo-long-lived-token-0123456789'): Promise<FakeAmoCrm> {
  const deals: { id: number; body: any }[] = [];
  const notes: { dealId: number; text: string }[] = [];
  let noteFailures = { left: 0, status: 500 };
  const server = await startFakeServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${token}`) return sendJson(res, 401, { title: 'Unauthorized', status: 401 });
    if (req.method === 'POST' && req.path === '/api/v4/leads/complex') {
      const body = JSON.parse(req.body) as any[];
      const created = body.map((deal) => {
        const id = 1000 + deals.length;
        deals.push({ id, body: deal });
        return { id, contact_id: 5000 + deals.length, company_id: null, request_id: [String(deals.length - 1)], merged: false };
      });
      return sendJson(res, 200, created);
    }
    if (req.method === 'POST' && req.path === '/api/v4/leads/notes') {
      if (noteFailures.left > 0) {
        noteFailures.left--;
        return sendJson(res, noteFailures.status, { title: 'Error', status: noteFailures.status });
      }
      const body = JSON.parse(req.body) as { entity_id: number; note_type: string; params: { text: string } }[];
      for (const n of body) notes.push({ dealId: n.entity_id, text: n.params.text });
      return sendJson(res, 200, { _embedded: { notes: body.map((n, i) => ({ id: 9000 + notes.length + i, entity_id: n.entity_id })) } });
    }
    return sendJson(res, 404, { title: 'Not found', status: 404 });
  });
  return {
    ...server,
    token,
    deals,
    notes,
    failNotes: (n, status) => {
      noteFailures = { left: n, status };
    },
  };
}
