/**
 * The HTML report in headless Chromium: the charts and tables are there, nothing refers outside
 * the file, and a screenshot is kept in test-artifacts/report/ for people to look at.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store/store.ts';
import { loadRunData } from '../../src/metrics/data.ts';
import { reportInput } from '../../src/reports/report.ts';
import { renderHtml } from '../../src/reports/html.ts';
import { ROOT } from '../support/cli.ts';
import { externalReferences, openInChromium, skipUnlessChromium } from '../support/chromium.ts';
import { buildSyntheticRun } from '../metrics/synthetic.ts';

test('the HTML report renders in headless Chromium with its charts, tables and samples', { skip: skipUnlessChromium() }, async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-html-'));
  try {
    const store = openStore(dir);
    buildSyntheticRun(store);
    const html = await renderHtml(reportInput(loadRunData(store, 'synthetic', { code: true }), { seed: 3, resamples: 200 }));
    store.close();
    const out = path.join(ROOT, 'test-artifacts', 'report');
    mkdirSync(out, { recursive: true });
    const file = path.join(out, 'report.html');
    writeFileSync(file, html);
    const shot = path.join(out, 'report.png');
    const r = openInChromium(file, { screenshot: shot });
    assert.deepEqual(externalReferences(html), []);
    assert.deepEqual(externalReferences(r.dom), []);
    assert.equal((r.dom.match(/<svg/g) ?? []).length, 5);
    for (const title of ['Samples with at least one weakness', 'Severity change against the baseline', 'CWEs found in the same sample', 'CWE transitions: before → introduced', 'Fix rate per CWE']) {
      assert.ok(r.dom.includes(title), title);
    }
    assert.equal((r.dom.match(/<table>/g) ?? []).length, 10);
    assert.equal((r.dom.match(/<details id="sample-/g) ?? []).length, 11);
    assert.equal(r.dom.includes('parsererror'), false);
    assert.ok(existsSync(shot));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
