/** A scripted fine-tuning API for the loopback server: exact `METHOD url` → answers in turn (the last repeats). */
import type { IncomingHttpHeaders } from 'node:http';
import type { Handler, Recorded } from '../providers/server.ts';

export interface Answer {
  status?: number;
  body: unknown;
}

/** Route by the exact method and URL (with its query); anything unscripted is a 404 naming it. */
export function routes(table: Record<string, Answer[]>): Handler {
  const used = new Map<string, number>();
  return (req, res) => {
    const key = `${req.method} ${req.url}`;
    const answers = table[key];
    if (!answers) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `unscripted ${key}` } }));
      return;
    }
    const n = used.get(key) ?? 0;
    used.set(key, n + 1);
    const a = answers[Math.min(n, answers.length - 1)]!;
    res.writeHead(a.status ?? 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(a.body));
  };
}

export interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  value: string;
}

/** The parts of a multipart/form-data request, in order. */
export function multipart(req: Recorded): Part[] {
  const headers: IncomingHttpHeaders = req.headers;
  const m = /boundary=(?:"([^"]+)"|([^;]+))/.exec(String(headers['content-type']));
  if (!m) throw new Error(`not multipart: ${String(headers['content-type'])}`);
  const boundary = `--${m[1] ?? m[2]}`;
  const text = String(req.body);
  const parts: Part[] = [];
  for (const chunk of text.split(boundary).slice(1)) {
    if (chunk.startsWith('--')) break;
    const [head, ...rest] = chunk.replace(/^\r\n/, '').split('\r\n\r\n');
    const value = rest.join('\r\n\r\n').replace(/\r\n$/, '');
    const name = /name="([^"]*)"/.exec(head!)?.[1] ?? '';
    const filename = /filename="([^"]*)"/.exec(head!)?.[1];
    const contentType = /content-type: *([^\r\n]+)/i.exec(head!)?.[1];
    parts.push({ name, value, ...(filename !== undefined ? { filename } : {}), ...(contentType ? { contentType } : {}) });
  }
  return parts;
}
