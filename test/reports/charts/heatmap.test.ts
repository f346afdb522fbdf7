/** The generic heatmap: order, cell text and its contrast, validation, ids, sizes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChartError, heatmap, heatmapSpec, prevalenceChart, useLightText, type HeatmapInput } from '../../../src/reports/charts/index.ts';
import { rootSize } from './helpers.ts';

const transitions: HeatmapInput = {
  title: 'CWE transitions (original → introduced)',
  valueTitle: 'Samples',
  rowTitle: 'Original CWE',
  columnTitle: 'Introduced CWE',
  rows: ['CWE-78', 'CWE-89'],
  columns: ['CWE-1333', 'CWE-20', 'CWE-117'],
  cells: [
    { row: 'CWE-78', column: 'CWE-1333', value: 5 },
    { row: 'CWE-78', column: 'CWE-20', value: 1 },
    { row: 'CWE-89', column: 'CWE-117', value: 12, label: '12/40' },
  ],
};

test('useLightText: white text on the dark end of a sequential scale, on both ends of a diverging one', () => {
  // t = (12 − 1) / 11 = 1 → light; t = (5 − 1) / 11 = 0.36 → dark
  assert.equal(useLightText(12, 1, 12, 'blues'), true);
  assert.equal(useLightText(5, 1, 12, 'blues'), false);
  assert.equal(useLightText(3, 3, 3, 'blues'), false);
  // phi from −1 to 1 on redblue: −0.9 → t = 0.05, far from the middle → light; 0.1 → t = 0.55 → dark
  assert.equal(useLightText(-0.9, -1, 1, 'redblue'), true);
  assert.equal(useLightText(0.1, -1, 1, 'redblue'), false);
});

test('heatmapSpec keeps the given order and prints the label or the value in each cell', () => {
  const spec = heatmapSpec(transitions) as any;
  assert.deepEqual(spec.encoding.x.sort, ['CWE-1333', 'CWE-20', 'CWE-117']);
  assert.deepEqual(spec.encoding.y.sort, ['CWE-78', 'CWE-89']);
  assert.equal(spec.encoding.x.title, 'Introduced CWE');
  assert.deepEqual(
    spec.data.values.map((v: any) => [v.text, v.light]),
    [['5', false], ['1', false], ['12/40', true]],
  );
  assert.equal(spec.layer[0].encoding.color.scale.scheme, 'blues');
  // Counts start the colour scale at 0; negative values (phi) keep their own minimum.
  assert.deepEqual(spec.layer[0].encoding.color.scale.domain, [0, 12]);
  assert.deepEqual((heatmapSpec({ ...transitions, cells: [{ row: 'CWE-78', column: 'CWE-20', value: -0.4 }, { row: 'CWE-89', column: 'CWE-20', value: 0.5 }] }) as any).layer[0].encoding.color.scale.domain, [-0.4, 0.5]);
  // The longest cell text, "12/40", needs ceil(5 × 11 × 0.65) + 12 = 48 px.
  assert.deepEqual(spec.width, { step: 48 });
  assert.equal((heatmapSpec({ ...transitions, colorScheme: 'redblue' }) as any).layer[0].encoding.color.scale.scheme, 'redblue');
});

test('heatmapSpec rejects cells outside the grid, duplicates and non-finite values', () => {
  assert.throws(() => heatmapSpec({ ...transitions, cells: [{ row: 'CWE-22', column: 'CWE-20', value: 1 }] }), /cell row "CWE-22" is not in rows/);
  assert.throws(() => heatmapSpec({ ...transitions, cells: [{ row: 'CWE-78', column: 'CWE-22', value: 1 }] }), /cell column "CWE-22" is not in columns/);
  assert.throws(() => heatmapSpec({ ...transitions, cells: [transitions.cells[0], transitions.cells[0]] }), /two cells for CWE-78 × CWE-1333/);
  assert.throws(() => heatmapSpec({ ...transitions, rows: ['a', 'a'] }), /duplicate row names/);
  assert.throws(() => heatmapSpec({ ...transitions, cells: [{ row: 'CWE-78', column: 'CWE-20', value: Infinity }] }), ChartError);
});

test('heatmap renders every cell text, the axis names and a gradient legend with page-unique ids', async () => {
  const svg = await heatmap(transitions);
  for (const text of ['5', '1', '12/40', 'CWE-1333', 'CWE-117', 'CWE-89', 'Samples', 'Original CWE']) assert.ok(svg.includes(`>${text}</text>`), text);
  assert.ok(svg.includes('<title>CWE transitions (original → introduced)</title>'));
  assert.ok(svg.includes('<title>CWE-89 × CWE-117: 12/40</title>'));
  const ids = [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(ids.length, 1);
  assert.match(ids[0], /^sfx[0-9a-f]{10}-1$/);
  assert.ok(svg.includes(`url(#${ids[0]})`));
  // Another heatmap on the same page gets other ids.
  const other = await heatmap({ ...transitions, title: 'Per-CWE fix rate' });
  assert.ok(!other.includes(`id="${ids[0]}"`));
});

test('heatmap is byte-identical across renders, even with other charts rendered in between', async () => {
  const first = await heatmap(transitions);
  await prevalenceChart([{ model: 'm', strategy: 's', rate: 0.5, low: 0.2, high: 0.8, n: 10 }]);
  await heatmap({ ...transitions, title: 'other' });
  assert.equal(await heatmap(transitions), first);
});

test('heatmap grows with rows and columns; one value everywhere still renders', async () => {
  const small = rootSize(await heatmap(transitions));
  const columns = [...transitions.columns, 'CWE-79', 'CWE-798', 'CWE-209'];
  const rows = [...transitions.rows, 'CWE-22', 'CWE-502'];
  const big = rootSize(await heatmap({ ...transitions, rows, columns, cells: [...transitions.cells, { row: 'CWE-502', column: 'CWE-209', value: 2 }] }));
  assert.ok(big.width > small.width && big.height > small.height, JSON.stringify([small, big]));
  const flat = await heatmap({ ...transitions, cells: transitions.cells.map((c) => ({ ...c, value: 3, label: undefined })) });
  // Three cells print 3, and so does the legend of the colour domain [0, 3].
  assert.equal((flat.match(/>3<\/text>/g) ?? []).length, 4);
  assert.deepEqual(flat.match(/role-legend-label[\s\S]*?<\/g>/)?.[0].match(/>[^<]+<\/text>/g), ['>0</text>', '>3</text>']);
  // All zero: the domain is widened to [−1, 1] rather than collapsing.
  assert.deepEqual((heatmapSpec({ ...transitions, cells: [{ row: 'CWE-78', column: 'CWE-20', value: 0 }] }) as any).layer[0].encoding.color.scale.domain, [-1, 1]);
});

test('heatmap escapes labels and says "no data" when empty', async () => {
  const svg = await heatmap({ ...transitions, title: 'T & <u>', rows: ['r"<'], columns: ["c'&"], cells: [{ row: 'r"<', column: "c'&", value: 1, label: '<b>' }] });
  assert.ok(!/<u>|<b>|r"<|c'&(?!amp;)/.test(svg));
  assert.ok(svg.includes('<title>T &amp; &lt;u&gt;</title>'));
  assert.ok(svg.includes('>&lt;b&gt;</text>'));
  for (const empty of [{ ...transitions, cells: [] }, { ...transitions, rows: [] }, { ...transitions, columns: [] }]) {
    assert.ok((await heatmap(empty)).includes('aria-label="CWE transitions (original → introduced): no data"'));
  }
});
