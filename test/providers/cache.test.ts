/** The response cache: exact hits and misses, coalescing, corrupt entries, no errors stored, atomic files. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ResponseCache, withCache, isCacheable, CACHE_FORMAT_VERSION } from '../../src/providers/cache.ts';
import { ProviderError } from '../../src/providers/errors.ts';
import { canonicalRequest, requestKey } from '../../src/providers/request-key.ts';
import type { GenerateOptions, Generation, GenerationRequest, Provider } from '../../src/providers/types.ts';

const root = mkdtempSync(path.join(tmpdir(), 'secfix-cache-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => path.join(root, `c${n++}`);

const ID = 'openai:gpt-4.1';
const req = (content: string, sample = 0): GenerationRequest => ({
  model: 'gpt-4.1',
  messages: [{ role: 'user', content }],
  temperature: 0.2,
  sample,
});
const gen = (text: string, over: Partial<Generation> = {}): Generation => ({
  text,
  finishReason: 'stop',
  rawFinishReason: 'stop',
  usage: { inputTokens: 12, outputTokens: 5 },
  latencyMs: 640,
  cached: false,
  raw: { id: `id-${text}`, model: 'gpt-4.1-2025-04-14' },
  ...over,
});

/** A provider whose answers the test scripts; each call can be held until released. */
class FakeProvider implements Provider {
  readonly id = ID;
  calls: GenerationRequest[] = [];
  signals: (AbortSignal | undefined)[] = [];
  hold = false;
  private gates: (() => void)[] = [];
  constructor(private answer: (r: GenerationRequest, i: number) => Generation | Error) {}
  async generate(request: GenerationRequest, opts: GenerateOptions = {}): Promise<Generation> {
    const i = this.calls.length;
    this.calls.push(request);
    this.signals.push(opts.signal);
    if (this.hold) {
      await new Promise<void>((resolve, reject) => {
        this.gates.push(resolve);
        opts.signal?.addEventListener('abort', () => reject(new ProviderError('aborted', { kind: 'aborted' })), { once: true });
      });
    }
    const a = this.answer(request, i);
    if (a instanceof Error) throw a;
    return a;
  }
  release(): void {
    for (const g of this.gates.splice(0)) g();
  }
}

/** Let pending file reads finish until the provider has seen `n` calls (the cache reads disk first). */
async function callsReach(p: FakeProvider, n: number): Promise<void> {
  for (let i = 0; i < 1000 && p.calls.length < n; i++) await new Promise<void>((r) => setTimeout(r, 1));
  assert.equal(p.calls.length, n);
}

test('miss then hit: the provider is called once; the hit is marked cached with the stored latency', async () => {
  const cache = new ResponseCache(freshDir());
  const p = new FakeProvider((r) => gen(`answer to ${r.messages[0]?.content}`));
  const c = withCache(p, cache);
  assert.equal(c.id, ID);
  const first = await c.generate(req('task A'));
  assert.deepEqual(first, gen('answer to task A'));
  const second = await c.generate(req('task A'));
  assert.deepEqual(second, { ...gen('answer to task A'), cached: true });
  assert.equal(second.latencyMs, 640);
  assert.equal(p.calls.length, 1);
  // another sample of the same cell is another request
  const other = await c.generate(req('task A', 1));
  assert.equal(other.cached, false);
  assert.equal(p.calls.length, 2);
  assert.deepEqual(cache.stats(), { hits: 1, misses: 2, writes: 2, writeErrors: 0, coalesced: 0 });
});

test('a new cache object over the same directory answers from disk', async () => {
  const dir = freshDir();
  const p = new FakeProvider(() => gen('persisted'));
  await withCache(p, new ResponseCache(dir)).generate(req('task P'));
  const again = new ResponseCache(dir);
  const g = await withCache(p, again).generate(req('task P'));
  assert.deepEqual(g, { ...gen('persisted'), cached: true });
  assert.equal(p.calls.length, 1);
  assert.deepEqual(again.stats(), { hits: 1, misses: 0, writes: 0, writeErrors: 0, coalesced: 0 });
});

test('the entry file: sharded path, exact content, no temporary file left', async () => {
  const dir = freshDir();
  const cache = new ResponseCache(dir, { now: () => new Date('2026-01-02T03:04:05.000Z') });
  const p = new FakeProvider(() => gen('code'));
  await withCache(p, cache).generate(req('task F'));
  const key = requestKey(req('task F'), ID);
  const file = path.join(dir, key.slice(0, 2), `${key}.json`);
  assert.equal(cache.pathFor(key), file);
  assert.deepEqual(readdirSync(dir), [key.slice(0, 2)]);
  assert.deepEqual(readdirSync(path.dirname(file)), [`${key}.json`]);
  const entry = JSON.parse(readFileSync(file, 'utf8'));
  assert.deepEqual(entry, {
    version: CACHE_FORMAT_VERSION,
    key,
    providerId: ID,
    request: canonicalRequest(req('task F'), ID),
    createdAt: '2026-01-02T03:04:05.000Z',
    generation: {
      text: 'code',
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage: { inputTokens: 12, outputTokens: 5 },
      latencyMs: 640,
      raw: { id: 'id-code', model: 'gpt-4.1-2025-04-14' },
    },
  });
});

test('get never writes: the directory is created only by the first put', async () => {
  const dir = freshDir();
  const cache = new ResponseCache(dir);
  assert.equal(await cache.get(requestKey(req('x'), ID)), undefined);
  assert.equal(await cache.get('not-a-key/../../etc'), undefined);
  assert.equal(existsSync(dir), false);
  assert.deepEqual(cache.stats(), { hits: 0, misses: 2, writes: 0, writeErrors: 0, coalesced: 0 });
  await cache.put(requestKey(req('x'), ID), gen('x'), { providerId: ID, request: canonicalRequest(req('x'), ID) });
  assert.equal(existsSync(dir), true);
  assert.throws(() => cache.pathFor('../evil'), TypeError);
});

test('corrupt, wrong-shape, other-version and misfiled entries read as misses and are overwritten', async () => {
  const dir = freshDir();
  const cache = new ResponseCache(dir);
  const p = new FakeProvider((_r, i) => gen(`fresh ${i}`));
  const c = withCache(p, cache);
  const keyOf = (s: string) => requestKey(req(s), ID);
  const place = (s: string, body: string) => {
    const f = cache.pathFor(keyOf(s));
    mkdirSync(path.dirname(f), { recursive: true });
    writeFileSync(f, body);
  };
  const valid = (s: string) => ({
    version: CACHE_FORMAT_VERSION, key: keyOf(s), providerId: ID, request: 'r', createdAt: 'now',
    generation: { ...gen('stale'), cached: undefined },
  });
  place('bad json', '{"version": 1, "key": ');
  place('wrong shape', JSON.stringify({ ...valid('wrong shape'), generation: { text: 7 } }));
  place('old version', JSON.stringify({ ...valid('old version'), version: 0 }));
  place('misfiled', JSON.stringify({ ...valid('misfiled'), key: keyOf('something else') }));
  place('good', JSON.stringify(valid('good')));
  for (const s of ['bad json', 'wrong shape', 'old version', 'misfiled']) {
    assert.equal(await cache.get(keyOf(s)), undefined, s);
  }
  assert.deepEqual(await cache.get(keyOf('good')), { ...gen('stale'), cached: true });
  assert.equal((await c.generate(req('bad json'))).text, 'fresh 0');
  // the corrupt entry was replaced by a valid one
  assert.deepEqual(await cache.get(keyOf('bad json')), { ...gen('fresh 0'), cached: true });
});

test('errors are never cached: the next identical request calls the provider again', async () => {
  const cache = new ResponseCache(freshDir());
  const p = new FakeProvider((_r, i) => (i === 0 ? new ProviderError('boom', { kind: 'server', status: 500 }) : gen('ok')));
  const c = withCache(p, cache);
  await assert.rejects(c.generate(req('task E')), (e: unknown) => e instanceof ProviderError && e.kind === 'server');
  assert.equal(existsSync(cache.dir), false);
  assert.deepEqual(await c.generate(req('task E')), gen('ok'));
  assert.equal(p.calls.length, 2);
  assert.deepEqual(cache.stats(), { hits: 0, misses: 2, writes: 1, writeErrors: 0, coalesced: 0 });
});

test("an empty answer with finishReason 'other' is not cached; truncated and filtered answers are", async () => {
  assert.equal(isCacheable(gen('', { finishReason: 'other' })), false);
  assert.equal(isCacheable(gen(' \n', { finishReason: 'other' })), false);
  assert.equal(isCacheable(gen('x', { finishReason: 'other' })), true);
  assert.equal(isCacheable(gen('', { finishReason: 'length' })), true);
  assert.equal(isCacheable(gen('', { finishReason: 'content_filter' })), true);
  const cache = new ResponseCache(freshDir());
  const p = new FakeProvider(() => gen('', { finishReason: 'other' }));
  const c = withCache(p, cache);
  await c.generate(req('empty'));
  await c.generate(req('empty'));
  assert.equal(p.calls.length, 2);
  assert.equal(cache.stats().writes, 0);
});

test('identical requests in flight share one provider call; only one caller sees it uncached', async () => {
  const cache = new ResponseCache(freshDir());
  const p = new FakeProvider(() => gen('shared'));
  p.hold = true;
  const c = withCache(p, cache);
  const all = [c.generate(req('task C')), c.generate(req('task C')), c.generate(req('task C')), c.generate(req('task D'))];
  await callsReach(p, 2);
  p.release();
  const [a, b, d, other] = await Promise.all(all);
  assert.deepEqual(a, gen('shared'));
  assert.deepEqual(b, { ...gen('shared'), cached: true });
  assert.deepEqual(d, { ...gen('shared'), cached: true });
  assert.equal(other?.cached, false);
  assert.deepEqual(cache.stats(), { hits: 0, misses: 2, writes: 2, writeErrors: 0, coalesced: 2 });
  // settled flights are forgotten: the next request is a plain hit
  assert.equal((await c.generate(req('task C'))).cached, true);
  assert.equal(p.calls.length, 2);
});

test('a coalesced error reaches every waiter and is not cached', async () => {
  const cache = new ResponseCache(freshDir());
  const p = new FakeProvider(() => new ProviderError('bad', { kind: 'bad-response' }));
  p.hold = true;
  const c = withCache(p, cache);
  const two = [c.generate(req('t')), c.generate(req('t'))];
  await callsReach(p, 1);
  p.release();
  const results = await Promise.allSettled(two);
  assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
  assert.equal(p.calls.length, 1);
  assert.equal(cache.stats().writes, 0);
});

test('one waiter aborting leaves the shared call running; all aborting cancels it', async () => {
  const cache = new ResponseCache(freshDir());
  const p = new FakeProvider(() => gen('late'));
  p.hold = true;
  const c = withCache(p, cache);
  const ac1 = new AbortController();
  const first = c.generate(req('t'), { signal: ac1.signal });
  const second = c.generate(req('t'));
  await callsReach(p, 1);
  ac1.abort();
  await assert.rejects(first, (e: unknown) => e instanceof ProviderError && e.kind === 'aborted' && e.providerId === ID);
  assert.equal(p.signals[0]?.aborted, false);
  p.release();
  // the remaining waiter is the one the call was made for
  assert.deepEqual(await second, gen('late'));

  const ac2 = new AbortController();
  const ac3 = new AbortController();
  const x = c.generate(req('u'), { signal: ac2.signal });
  const y = c.generate(req('u'), { signal: ac3.signal });
  await callsReach(p, 2);
  ac2.abort();
  assert.equal(p.signals[1]?.aborted, false);
  ac3.abort();
  assert.equal(p.signals[1]?.aborted, true);
  await assert.rejects(x);
  await assert.rejects(y);
  // a new request after everyone left starts a fresh call instead of joining the cancelled one
  p.hold = false;
  assert.deepEqual(await c.generate(req('u')), gen('late'));
  assert.equal(p.calls.length, 3);
  await assert.rejects(c.generate(req('v'), { signal: AbortSignal.abort() }), (e: unknown) => e instanceof ProviderError && e.kind === 'aborted');
  assert.equal(p.calls.length, 3);
});

test('a failing write still returns the generation and is counted', async () => {
  const dir = freshDir();
  writeFileSync(dir, 'a file where the directory should be');
  const cache = new ResponseCache(dir);
  const errors: unknown[] = [];
  const c = withCache(new FakeProvider(() => gen('kept')), cache, { onWriteError: (e) => errors.push(e) });
  assert.deepEqual(await c.generate(req('w')), gen('kept'));
  assert.equal(errors.length, 1);
  assert.deepEqual(cache.stats(), { hits: 0, misses: 1, writes: 0, writeErrors: 1, coalesced: 0 });
});
