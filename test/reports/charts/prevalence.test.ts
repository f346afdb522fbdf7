/** The prevalence chart: its spec, its validation, and the SVG it renders. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChartError, prevalenceChart, prevalenceSpec, type PrevalenceRow } from '../../../src/reports/charts/index.ts';
import { rootSize } from './helpers.ts';

const rows: PrevalenceRow[] = [
  { model: 'gpt-4.1', strategy: 'baseline', rate: 0.7, low: 0.5543, high: 0.8139, n: 40 },
  { model: 'gpt-4.1', strategy: 'meta-prompting', rate: 0.35, low: 0.2211, high: 0.5042, n: 40 },
  { model: 'o4-mini', strategy: 'baseline', rate: 1, low: 0.9124, high: 1, n: 40 },
  { model: 'o4-mini', strategy: 'meta-prompting', rate: 0, low: 0, high: 0.0876, n: 40 },
];

test('prevalenceSpec keeps the input order and labels every bar with rate, interval and n', () => {
  const spec = prevalenceSpec(rows) as any;
  assert.equal(spec.title, 'Samples with at least one weakness');
  assert.deepEqual(spec.encoding.y.sort, ['gpt-4.1', 'o4-mini']);
  assert.deepEqual(spec.encoding.yOffset.sort, ['baseline', 'meta-prompting']);
  assert.deepEqual(
    spec.data.values.map((v: any) => v.label),
    ['70% [55%–81%] n=40', '35% [22%–50%] n=40', '100% [91%–100%] n=40', '0% [0%–9%] n=40'],
  );
  assert.equal(spec.data.values[1].description, 'gpt-4.1, meta-prompting: 35% of 40 samples (95% CI 22%–50%)');
  // Bars, then the interval whiskers from low to high, then the labels at the upper end.
  assert.deepEqual(spec.layer.map((l: any) => l.mark.type), ['bar', 'rule', 'text']);
  assert.deepEqual(spec.layer[1].encoding, { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } });
  assert.deepEqual(spec.layer[0].encoding.x.scale, { domain: [0, 1] });
});

test('prevalenceSpec rejects rates outside [0, 1] and intervals that miss their rate', () => {
  assert.throws(() => prevalenceSpec([{ ...rows[0], rate: 1.2, high: 1.3 }]), (e: unknown) => e instanceof ChartError && /rate/.test(e.message));
  assert.throws(() => prevalenceSpec([{ ...rows[0], low: 0.75 }]), /interval \[0\.75, 0\.8139\] of gpt-4\.1 \/ baseline does not contain its rate 0\.7/);
  assert.throws(() => prevalenceSpec([{ ...rows[0], n: 2.5 }]), ChartError);
});

test('prevalenceChart renders a labelled, self-contained SVG', async () => {
  const svg = await prevalenceChart(rows);
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.ok(svg.endsWith('</svg>'));
  assert.ok(svg.includes('<title>Samples with at least one weakness</title>'));
  assert.match(svg, /role="img" aria-label="Samples with at least one weakness\. Share of samples with at least one weakness for 2 model\(s\)/);
  for (const label of ['70% [55%–81%] n=40', '0% [0%–9%] n=40', 'gpt-4.1', 'o4-mini', 'meta-prompting']) {
    assert.ok(svg.includes(`>${label}</text>`), label);
  }
  // Each bar carries its description as a hover title.
  assert.ok(svg.includes('<title>o4-mini, baseline: 100% of 40 samples (95% CI 91%–100%)</title>'));
  assert.equal((svg.match(/<title>/g) ?? []).length, 1 + rows.length);
  // Nothing to fetch: the only URLs are the SVG namespace names.
  assert.deepEqual([...new Set(svg.match(/https?:\/\/[^"]+/g))], ['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']);
  assert.ok(!/\shref=|@import|url\((?!#)/.test(svg));
});

test('prevalenceChart is deterministic', async () => {
  const a = await prevalenceChart(rows);
  const b = await prevalenceChart(rows);
  assert.equal(a, b);
});

test('prevalenceChart escapes model and strategy names', async () => {
  const evil = `</svg><script>alert("x")</script> & 'q'`;
  const svg = await prevalenceChart([{ ...rows[0], model: evil, strategy: 'a<b' }]);
  assert.ok(!svg.includes('<script'));
  assert.ok(!svg.includes('a<b'));
  assert.ok(svg.includes('&lt;/svg&gt;&lt;script&gt;alert('));
  assert.ok(svg.includes('>a&lt;b</text>'));
  assert.equal((svg.match(/<svg\b/g) ?? []).length, 1);
  assert.equal((svg.match(/<\/svg>/g) ?? []).length, 1);
});

test('prevalenceChart grows with the number of bars', async () => {
  const two = rootSize(await prevalenceChart(rows.slice(0, 2)));
  const four = rootSize(await prevalenceChart(rows));
  const eight = rootSize(await prevalenceChart([...rows, ...rows.map((r) => ({ ...r, model: `${r.model}-b` }))]));
  assert.ok(two.height < four.height && four.height < eight.height, JSON.stringify([two, four, eight]));
});

test('prevalenceChart without rows says "no data"', async () => {
  const svg = await prevalenceChart([]);
  assert.ok(svg.includes('aria-label="Samples with at least one weakness: no data"'));
  assert.ok(svg.includes('>no data</text>'));
});
