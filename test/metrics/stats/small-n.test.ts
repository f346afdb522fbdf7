/** The small-n warnings at and around each threshold. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleSizeWarning } from '../../../src/metrics/stats/small-n.ts';

test('rates', () => {
  assert.equal(sampleSizeWarning({ kind: 'rate', n: 0, k: 0 }), 'no data');
  assert.equal(sampleSizeWarning({ kind: 'rate', n: 9, k: 9 }), 'only n = 9: too few to estimate a rate (need ≥ 10)');
  // Wilson(5, 10) = [0.2366, 0.7634]: width 0.527 > 0.5
  assert.equal(
    sampleSizeWarning({ kind: 'rate', n: 10, k: 5 }),
    '95% CI 24–76% is wider than 50 points: too few samples to say much',
  );
  // Wilson(6, 12) width 0.492; Wilson(0, 10) = [0, 0.2775]: both fine
  assert.equal(sampleSizeWarning({ kind: 'rate', n: 12, k: 6 }), undefined);
  assert.equal(sampleSizeWarning({ kind: 'rate', n: 10, k: 0 }), undefined);
  assert.equal(sampleSizeWarning({ kind: 'rate', n: 10, k: 10 }), undefined);
});

test('McNemar and Cochran’s Q', () => {
  assert.equal(sampleSizeWarning({ kind: 'mcnemar', n: 0 }), 'no discordant pairs: no sample changed, so no difference can be shown');
  assert.equal(
    sampleSizeWarning({ kind: 'mcnemar', n: 8 }),
    'only 8 discordant pair(s): the exact test is valid but has little power (want ≥ 10)',
  );
  assert.equal(sampleSizeWarning({ kind: 'mcnemar', n: 10 }), undefined);
  assert.equal(
    sampleSizeWarning({ kind: 'cochran-q', n: 0 }),
    'no informative subjects: every subject had the same outcome under all strategies',
  );
  assert.equal(sampleSizeWarning({ kind: 'cochran-q', n: 4 }), 'only 4 informative subject(s): the test has little power (want ≥ 10)');
  assert.equal(sampleSizeWarning({ kind: 'cochran-q', n: 25 }), undefined);
});

test('χ² expected counts', () => {
  assert.equal(sampleSizeWarning({ kind: 'chi-square', n: 0, minExpected: NaN }), 'no data');
  assert.equal(
    sampleSizeWarning({ kind: 'chi-square', n: 8, minExpected: 2 }),
    'an expected count is 2.0 (< 5): the χ² approximation is doubtful; use an exact test (Fisher for 2 × 2)',
  );
  assert.equal(sampleSizeWarning({ kind: 'chi-square', n: 60, minExpected: 5 }), undefined);
});
