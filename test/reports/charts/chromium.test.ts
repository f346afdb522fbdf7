/**
 * The charts as a person sees them: an HTML page with every chart type inline, opened in headless
 * Chromium. The screenshot is kept in test-artifacts/charts/ for a human to look at.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../support/cli.ts';
import { externalReferences, openInChromium, skipUnlessChromium } from '../../support/chromium.ts';
import { escapeXml, heatmap, prevalenceChart, severityChangeChart } from '../../../src/reports/charts/index.ts';

const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'charts');

async function chartsPage(): Promise<string> {
  const charts = [
    await prevalenceChart([
      { model: 'gpt-4.1 <&>', strategy: 'baseline', rate: 0.7, low: 0.5543, high: 0.8139, n: 40 },
      { model: 'gpt-4.1 <&>', strategy: 'meta-prompting', rate: 0.35, low: 0.2211, high: 0.5042, n: 40 },
      { model: 'deepseek-r1-distill-qwen-32b', strategy: 'baseline', rate: 1, low: 0.9124, high: 1, n: 40 },
      { model: 'deepseek-r1-distill-qwen-32b', strategy: 'meta-prompting', rate: 0, low: 0, high: 0.0876, n: 40 },
    ]),
    await severityChangeChart([
      { model: 'gpt-4.1 <&>', strategy: 'meta-prompting', baseline: 120.5, value: 60, changePct: -50.21 },
      { model: 'deepseek-r1-distill-qwen-32b', strategy: 'meta-prompting', baseline: 80, value: 92, changePct: 15 },
    ]),
    await heatmap({
      title: 'CWE co-occurrence (Jaccard)',
      valueTitle: 'Jaccard',
      rows: ['CWE-78', 'CWE-89', 'CWE-798'],
      columns: ['CWE-78', 'CWE-89', 'CWE-798'],
      cells: [
        { row: 'CWE-78', column: 'CWE-89', value: 0.25 },
        { row: 'CWE-89', column: 'CWE-78', value: 0.25 },
        { row: 'CWE-78', column: 'CWE-798', value: 0.6 },
        { row: 'CWE-798', column: 'CWE-78', value: 0.6 },
      ],
    }),
    await heatmap({
      title: 'CWE transitions (original → introduced)',
      valueTitle: 'Samples',
      rows: ['CWE-78', 'CWE-89'],
      columns: ['CWE-1333', 'CWE-20', 'CWE-117'],
      cells: [
        { row: 'CWE-78', column: 'CWE-1333', value: 5 },
        { row: 'CWE-89', column: 'CWE-117', value: 12 },
      ],
    }),
    await heatmap({ title: 'Per-CWE fix rate', valueTitle: 'Fix rate', rows: [], columns: [], cells: [] }),
  ];
  const body = charts.map((svg) => `<figure>${svg}</figure>`).join('\n');
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeXml('secfix charts <test>')}</title><style>body{font-family:sans-serif;margin:16px}figure{margin:0 0 24px}</style></head><body><h1>Charts</h1>\n${body}\n</body></html>\n`;
}

function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

test('externalReferences finds loads in markup and CSS, and ignores fragments, data URIs, namespaces and escaped text', () => {
  const html = [
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use href="#a"/><image xlink:href="pic.png"/></svg>',
    '<img src="https://example.invalid/a.png" srcset="data:image/png;base64,AA 1x, big.png 2x">',
    "<a href='#sample-3'>3</a><a href=file:///etc/passwd>x</a><link rel=stylesheet href=\"//cdn.invalid/x.css\">",
    '<div style="background:url(&quot;bg.png&quot;)"></div><div style="fill:url(#g)"></div>',
    '<style>@import "theme.css"; .x{background:url(data:image/gif;base64,R0)} .y{background:url(\'y.png\')}</style>',
    '<meta http-equiv="refresh" content="0; url=https://example.invalid/">',
    '<pre>img.src = "http://example.invalid/x"; el.style = "url(z.png)"</pre><!-- <img src="commented.png"> -->',
  ].join('\n');
  assert.deepEqual(externalReferences(html), [
    'xlink:href=pic.png',
    'src=https://example.invalid/a.png',
    'srcset=big.png',
    'href=file:///etc/passwd',
    'href=//cdn.invalid/x.css',
    'url(bg.png)',
    'meta refresh',
    'url(y.png)',
    '@import theme.css',
  ]);
  assert.deepEqual(externalReferences('<p>no links</p>'), []);
});

test('a page of inline charts renders in headless Chromium with nothing to load', { skip: skipUnlessChromium() }, async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const html = await chartsPage();
  const page = path.join(ARTIFACTS, 'charts.html');
  const shot = path.join(ARTIFACTS, 'charts.png');
  writeFileSync(page, html);
  assert.deepEqual(externalReferences(html), []);

  const { dom, screenshot, log } = openInChromium(page, { screenshot: shot });
  assert.equal(screenshot, shot);
  // Four charts and one "no data" placeholder, each a single <svg> root.
  assert.equal((dom.match(/<svg\b/g) ?? []).length, 5, log.slice(-2000));
  for (const title of ['Samples with at least one weakness', 'Severity change against the baseline', 'CWE co-occurrence (Jaccard)', 'CWE transitions (original → introduced)', 'Per-CWE fix rate']) {
    assert.ok(dom.includes(`<title>${title}</title>`), title);
  }
  assert.ok(dom.includes('gpt-4.1 &lt;&amp;&gt;'), 'the escaped model name survives parsing as text');
  assert.ok(dom.includes('>no data</text>'));
  assert.ok(!dom.includes('<parsererror'));
  // Chromium's parse of the page starts no load either.
  assert.deepEqual(externalReferences(dom), []);
  assert.deepEqual(pngSize(shot), { width: 1280, height: 2000 });
});

test('openInChromium returns the DOM of a page whose loads would fail, and externalReferences names them', { skip: skipUnlessChromium() }, () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const page = path.join(ARTIFACTS, 'broken.html');
  // openInChromium resolves no host name, and example.invalid would not resolve anyway (RFC 2606).
  writeFileSync(page, '<!doctype html><html><body><p>broken</p><img src="https://example.invalid/x.png"><img src="missing.png"></body></html>');
  const { dom, screenshot } = openInChromium(page);
  assert.equal(screenshot, undefined);
  assert.match(dom, /<p>broken<\/p>/);
  assert.deepEqual(externalReferences(dom), ['src=https://example.invalid/x.png', 'src=missing.png']);
});
