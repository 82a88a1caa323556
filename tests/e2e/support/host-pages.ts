// A licensee's web site: a plain HTTP server on another origin (127.0.0.1 vs the platform's
// localhost, and another port) serving the fixture pages with the install snippet pasted in.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { freePort } from './platform.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures');

export interface HostPages {
  origin: string;
  /** Serves fixture `name` at `path` with `snippet` in place of <!--SNIPPET-->. */
  page(path: string, fixture: string, snippet: string, headers?: Record<string, string>): string;
  stop(): Promise<void>;
}

export async function startHostPages(): Promise<HostPages> {
  const pages = new Map<string, { html: string; headers: Record<string, string> }>();
  const server: Server = createServer((req, res) => {
    const page = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!page) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...page.headers }).end(page.html);
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    page(path, fixture, snippet, headers = {}) {
      const html = readFileSync(join(FIXTURES, fixture), 'utf8').replace('<!--SNIPPET-->', snippet);
      pages.set(path, { html, headers });
      return origin + path;
    },
    stop: () => new Promise((r) => server.close(() => r())),
  };
}
