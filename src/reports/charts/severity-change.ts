/** The change in severity against the baseline, per model and strategy (the study's % improvement, with its sign kept). */
import type { TopLevelSpec } from 'vega-lite';
import { z } from 'zod';
import { ChartError } from './errors.ts';
import { firstSeen, num, signedPct } from './format.ts';
import { CHART_CONFIG, renderSpec } from './render.ts';
import { noDataSvg } from './svg.ts';

const finite = z.number().finite();
export const SeverityChangeRowSchema = z.object({
  model: z.string(),
  strategy: z.string(),
  baseline: finite,
  value: finite,
  /** (value − baseline) / baseline × 100; null when the baseline is 0 and no percentage exists. */
  changePct: finite.nullable(),
});
/** One bar: the severity (sum or mean, as the caller chose) of a strategy against its baseline. */
export type SeverityChangeRow = z.infer<typeof SeverityChangeRowSchema>;

export const SEVERITY_CHANGE_TITLE = 'Severity change against the baseline';
const BAR = 16;

function check(rows: SeverityChangeRow[]): SeverityChangeRow[] {
  const parsed = z.array(SeverityChangeRowSchema).safeParse(rows);
  if (!parsed.success) throw new ChartError(`severity change chart: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
  return parsed.data;
}

/** The text beside a bar: "−35.0% (12.4 → 8.1)", or "n/a (0 → 3)" when the baseline is 0. */
export function severityChangeLabel(row: SeverityChangeRow): string {
  const change = row.changePct === null ? 'n/a' : signedPct(row.changePct);
  return `${change} (${num(row.baseline)} → ${num(row.value)})`;
}

/** The vega-lite spec: diverging horizontal bars from 0 (left = less severe), grouped by model, one per strategy. */
export function severityChangeSpec(rows: SeverityChangeRow[]): TopLevelSpec {
  const data = check(rows);
  const models = firstSeen(data.map((r) => r.model));
  const strategies = firstSeen(data.map((r) => r.strategy));
  const values = data.map((r) => ({
    model: r.model,
    strategy: r.strategy,
    // A missing percentage is drawn as no bar at 0, and its label says why.
    change: r.changePct ?? 0,
    label: severityChangeLabel(r),
    description: `${r.model}, ${r.strategy}: severity ${num(r.value)} against baseline ${num(r.baseline)}, ${r.changePct === null ? 'no percentage (baseline 0)' : signedPct(r.changePct)}`,
  }));
  const extent = Math.ceil(Math.max(10, ...values.map((v) => Math.abs(v.change))) / 10) * 10;
  // y sits in each layer rather than on top, so that the zero rule spans the whole height.
  const y = { field: 'model', type: 'nominal', sort: models, title: 'Model', scale: { paddingInner: 0.25, paddingOuter: 0.15 } } as const;
  const yOffset = { field: 'strategy', type: 'nominal', sort: strategies } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: SEVERITY_CHANGE_TITLE,
    config: CHART_CONFIG,
    width: 420,
    height: { step: BAR, for: 'offset' },
    data: { values },
    layer: [
      {
        mark: { type: 'bar', height: BAR - 2 },
        encoding: {
          y,
          yOffset,
          x: {
            field: 'change',
            type: 'quantitative',
            // Symmetric around 0 so that an increase and a decrease of the same size look the same.
            scale: { domain: [-extent, extent], nice: false },
            title: 'Change in severity against the baseline (%; negative = less severe)',
          },
          color: { field: 'strategy', type: 'nominal', sort: strategies, title: 'Strategy', scale: { scheme: 'tableau10' }, legend: { orient: 'bottom', direction: 'horizontal' } },
          description: { field: 'description' },
        },
      },
      {
        // Labels stand in a column right of the plot, where no bar or axis label can cover them.
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 8, fontSize: 10, color: '#222', aria: false },
        encoding: { y, yOffset, x: { datum: extent, type: 'quantitative' }, text: { field: 'label' } },
      },
      { mark: { type: 'rule', color: '#222', aria: false }, encoding: { x: { datum: 0 } } },
    ],
  } as TopLevelSpec;
}

/** The severity change chart as inline SVG; a small "no data" SVG when `rows` is empty. */
export async function severityChangeChart(rows: SeverityChangeRow[]): Promise<string> {
  if (rows.length === 0) return noDataSvg(SEVERITY_CHANGE_TITLE);
  return renderSpec(severityChangeSpec(rows), {
    title: SEVERITY_CHANGE_TITLE,
    description: 'Percentage change of the severity of each strategy against the baseline, by model; bars to the left mean less severe findings.',
  });
}
