/** The severity change chart: labels, the symmetric axis, rendering. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChartError, severityChangeChart, severityChangeLabel, severityChangeSpec, type SeverityChangeRow } from '../../../src/reports/charts/index.ts';
import { rootSize } from './helpers.ts';

const rows: SeverityChangeRow[] = [
  // (140 − 120.5) / 120.5 = +16.18%; (60 − 120.5) / 120.5 = −50.21%
  { model: 'gpt-4.1', strategy: 'negative-examples', baseline: 120.5, value: 140, changePct: 16.18 },
  { model: 'gpt-4.1', strategy: 'meta-prompting', baseline: 120.5, value: 60, changePct: -50.21 },
  { model: 'o4-mini', strategy: 'negative-examples', baseline: 0, value: 3, changePct: null },
  { model: 'o4-mini', strategy: 'meta-prompting', baseline: 80, value: 80, changePct: 0 },
];

test('severityChangeLabel prints the signed change and both severities', () => {
  assert.deepEqual(rows.map(severityChangeLabel), ['+16.2% (120.5 → 140)', '−50.2% (120.5 → 60)', 'n/a (0 → 3)', '0.0% (80 → 80)']);
  assert.equal(severityChangeLabel({ ...rows[0], baseline: 1 / 3, value: 2 / 3, changePct: 100 }), '+100.0% (0.33 → 0.67)');
  assert.equal(severityChangeLabel({ ...rows[0], changePct: -0.04 }), '0.0% (120.5 → 140)');
});

test('severityChangeSpec: bars from 0 on an axis symmetric around 0, rounded up to tens', () => {
  const spec = severityChangeSpec(rows) as any;
  const bar = spec.layer[0];
  // The largest |change| is 50.21 → the domain is ±60.
  assert.deepEqual(bar.encoding.x.scale, { domain: [-60, 60], nice: false });
  assert.deepEqual(spec.data.values.map((v: any) => v.change), [16.18, -50.21, 0, 0]);
  assert.deepEqual(bar.encoding.y.sort, ['gpt-4.1', 'o4-mini']);
  assert.deepEqual(bar.encoding.yOffset.sort, ['negative-examples', 'meta-prompting']);
  assert.deepEqual(spec.layer.map((l: any) => l.mark.type), ['bar', 'text', 'rule']);
  assert.deepEqual(spec.layer[1].encoding.x, { datum: 60, type: 'quantitative' });
  // Small changes still get a readable ±10 axis.
  assert.deepEqual((severityChangeSpec([{ ...rows[0], changePct: 2 }]) as any).layer[0].encoding.x.scale.domain, [-10, 10]);
  assert.throws(() => severityChangeSpec([{ ...rows[0], value: Number.NaN }]), ChartError);
});

test('severityChangeChart renders labels, hover titles and escapes names', async () => {
  const svg = await severityChangeChart([...rows, { model: 'm<&>"', strategy: 's', baseline: 2, value: 1, changePct: -50 }]);
  for (const label of ['+16.2% (120.5 → 140)', '−50.2% (120.5 → 60)', 'n/a (0 → 3)', 'm&lt;&amp;&gt;"']) assert.ok(svg.includes(`>${label}</text>`), label);
  assert.ok(svg.includes('<title>Severity change against the baseline</title>'));
  assert.ok(svg.includes('<title>o4-mini, negative-examples: severity 3 against baseline 0, no percentage (baseline 0)</title>'));
  assert.ok(!svg.includes('m<&'));
});

test('severityChangeChart is deterministic, grows with rows, and handles no rows', async () => {
  assert.equal(await severityChangeChart(rows), await severityChangeChart(rows));
  assert.ok(rootSize(await severityChangeChart(rows.slice(0, 2))).height < rootSize(await severityChangeChart(rows)).height);
  const empty = await severityChangeChart([]);
  assert.ok(empty.includes('aria-label="Severity change against the baseline: no data"'));
});
