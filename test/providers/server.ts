/** A loopback HTTP server for provider tests: scripted responses, every request recorded. */
import { after } from 'node:test';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: any;
}

export type Handler = (req: Recorded, res: ServerResponse) => void | Promise<void>;

export interface TestServer {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

/** Start a server whose n-th request is answered by handlers[n] (the last one repeats). */
export async function startServer(handlers: Handler[]): Promise<TestServer> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: any = text;
      try {
        body = JSON.parse(text);
      } catch {
        // keep the raw text
      }
      const rec: Recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(rec);
      const h = handlers[Math.min(requests.length - 1, handlers.length - 1)];
      void h(rec, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answer with a JSON body. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}

/** Write the text in small pieces that cut through lines and multi-byte characters. */
export function chunked(contentType: string, text: string, size = 7): Handler {
  return async (_req, res) => {
    res.writeHead(200, { 'content-type': contentType });
    const bytes = Buffer.from(text, 'utf8');
    for (let i = 0; i < bytes.length; i += size) {
      res.write(bytes.subarray(i, i + size));
      await new Promise((r) => setImmediate(r));
    }
    res.end();
  };
}

/** Server-sent events, one `data:` payload each (objects are JSON-encoded). */
export function sse(events: Array<{ event?: string; data: unknown }>): Handler {
  const text = events
    .map((e) => `${e.event ? `event: ${e.event}\n` : ''}data: ${typeof e.data === 'string' ? e.data : JSON.stringify(e.data)}\n\n`)
    .join('');
  return chunked('text/event-stream', text);
}

/** Never answers (the connection stays open until the test closes the server). */
export const hang: Handler = () => {};

/** A fake clock returning the given instants in turn. */
export function clock(...instants: number[]): () => number {
  let i = 0;
  return () => instants[Math.min(i++, instants.length - 1)];
}

/** An injected sleep that records its delays and returns at once. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

/** A `serve(...handlers)` for one test file: every server it starts is closed when the file's tests end. */
export function serverPool(): (...handlers: Handler[]) => Promise<TestServer> {
  const servers: TestServer[] = [];
  after(async () => {
    for (const s of servers) await s.close();
  });
  return async (...handlers) => {
    const s = await startServer(handlers);
    servers.push(s);
    return s;
  };
}
