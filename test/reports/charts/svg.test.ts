/** The SVG string helpers: escaping, id renumbering, hover titles, the root's label, "no data". */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addHoverTitles, escapeXml, labelRoot, noDataSvg, renumberIds } from '../../../src/reports/charts/svg.ts';
import { ChartError, compileQuietly, heatmapSpec, prevalenceSpec, renderSpec, severityChangeSpec } from '../../../src/reports/charts/index.ts';

test('escapeXml escapes the five XML specials and nothing else', () => {
  assert.equal(escapeXml(`a<b & "c" 'd'> é`), 'a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt; é');
  assert.equal(escapeXml('&amp;'), '&amp;amp;');
});

test('renumberIds renames ids in order of appearance and every reference to them', () => {
  const svg = '<svg><defs><linearGradient id="gradient_7"/><clipPath id="clip3"/></defs><rect fill="url(#gradient_7)" clip-path="url(#clip3)"/><use href="#clip3"/><rect fill="url(#other)"/></svg>';
  assert.equal(
    renumberIds(svg, 'p'),
    '<svg><defs><linearGradient id="p-1"/><clipPath id="p-2"/></defs><rect fill="url(#p-1)" clip-path="url(#p-2)"/><use href="#p-2"/><rect fill="url(#other)"/></svg>',
  );
  assert.equal(renumberIds('<svg><rect/></svg>', 'p'), '<svg><rect/></svg>');
});

test('addHoverTitles gives marks with an aria-label a <title> child, and leaves others alone', () => {
  const svg = '<g><path aria-label="a &lt; b: 3" role="graphics-symbol" d="M0,0Z"/><path aria-hidden="true" d="M1,1Z"/><path role="graphics-symbol" d="M2,2Z"/></g>';
  assert.equal(
    addHoverTitles(svg),
    '<g><path aria-label="a &lt; b: 3" role="graphics-symbol" d="M0,0Z"><title>a &lt; b: 3</title></path><path aria-hidden="true" d="M1,1Z"/><path role="graphics-symbol" d="M2,2Z"/></g>',
  );
});

test('labelRoot adds role, aria-label, <title> and <desc>, escaped', () => {
  assert.equal(
    labelRoot('<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="10"><g/></svg>', 'A & B', 'x < y'),
    '<svg xmlns="http://www.w3.org/2000/svg" class="marks secfix-chart" width="10" role="img" aria-label="A &amp; B. x &lt; y"><title>A &amp; B</title><desc>x &lt; y</desc><g/></svg>',
  );
  assert.throws(() => labelRoot('<div/>', 't', 'd'), /no <svg> root/);
});

test('noDataSvg is a small labelled SVG that says "no data"', () => {
  const svg = noDataSvg('Fix rate <by CWE>');
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" [^>]*width="240" height="56"[^>]*aria-label="Fix rate &lt;by CWE&gt;: no data">/);
  assert.ok(svg.includes('<title>Fix rate &lt;by CWE&gt;</title>'));
  assert.ok(svg.includes('>no data</text>'));
  assert.ok(svg.endsWith('</svg>'));
  assert.ok(!svg.includes('<by'));
  // The width follows the title: 'x'.repeat(60) + ': no data' is 69 characters → 24 + ceil(69 × 7.5) = 542.
  assert.match(noDataSvg('x'.repeat(60)), /width="542"/);
});

test('renderSpec refuses specs that would load data from a URL', async () => {
  const spec = { data: { url: 'http://127.0.0.1:9/data.json' }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' } } } as const;
  await assert.rejects(renderSpec(spec, { title: 't', description: 'd' }), (e: unknown) => e instanceof ChartError && /charts load nothing, but the spec asks for http:\/\/127\.0\.0\.1:9\/data\.json/.test(e.message));
});

test('every chart spec compiles without a vega-lite warning', () => {
  const specs = [
    prevalenceSpec([{ model: 'm', strategy: 's', rate: 0.5, low: 0.2, high: 0.8, n: 10 }]),
    severityChangeSpec([{ model: 'm', strategy: 's', baseline: 2, value: 1, changePct: -50 }]),
    heatmapSpec({ title: 't', valueTitle: 'v', rows: ['r'], columns: ['c'], cells: [{ row: 'r', column: 'c', value: 1 }] }),
  ];
  for (const spec of specs) assert.deepEqual(compileQuietly(spec).warnings, []);
  // A dropped channel is the kind of mistake this catches.
  const bad = { data: { values: [] }, mark: 'bar', encoding: { y: {} } } as never;
  assert.match(compileQuietly(bad).warnings.join('\n'), /Dropping \{\} from channel "y"/);
});
