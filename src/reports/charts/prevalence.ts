/** Share of samples with at least one weakness, by model × strategy, with 95% intervals. */
import type { TopLevelSpec } from 'vega-lite';
import { z } from 'zod';
import { ChartError } from './errors.ts';
import { firstSeen, pct } from './format.ts';
import { CHART_CONFIG, renderSpec } from './render.ts';
import { noDataSvg } from './svg.ts';

const unit = z.number().min(0).max(1);
export const PrevalenceRowSchema = z.object({
  model: z.string(),
  strategy: z.string(),
  rate: unit,
  low: unit,
  high: unit,
  n: z.number().int().min(0),
});
/** One bar: the share `rate` of `n` samples with ≥ 1 weakness and its 95% interval [low, high]. */
export type PrevalenceRow = z.infer<typeof PrevalenceRowSchema>;

export const PREVALENCE_TITLE = 'Samples with at least one weakness';
const BAR = 16;

function check(rows: PrevalenceRow[]): PrevalenceRow[] {
  const parsed = z.array(PrevalenceRowSchema).safeParse(rows);
  if (!parsed.success) throw new ChartError(`prevalence chart: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
  for (const r of parsed.data) {
    if (!(r.low <= r.rate && r.rate <= r.high)) {
      throw new ChartError(`prevalence chart: interval [${r.low}, ${r.high}] of ${r.model} / ${r.strategy} does not contain its rate ${r.rate}`);
    }
  }
  return parsed.data;
}

/** The vega-lite spec of the prevalence chart: horizontal bars grouped by model, one per strategy, with CI whiskers and "rate [low–high] n=N" labels. */
export function prevalenceSpec(rows: PrevalenceRow[]): TopLevelSpec {
  const data = check(rows);
  const models = firstSeen(data.map((r) => r.model));
  const strategies = firstSeen(data.map((r) => r.strategy));
  const values = data.map((r) => ({
    model: r.model,
    strategy: r.strategy,
    rate: r.rate,
    low: r.low,
    high: r.high,
    label: `${pct(r.rate)} [${pct(r.low)}–${pct(r.high)}] n=${r.n}`,
    description: `${r.model}, ${r.strategy}: ${pct(r.rate)} of ${r.n} samples (95% CI ${pct(r.low)}–${pct(r.high)})`,
  }));
  const y = { field: 'model', type: 'nominal', sort: models, title: 'Model', scale: { paddingInner: 0.25, paddingOuter: 0.15 } } as const;
  const yOffset = { field: 'strategy', type: 'nominal', sort: strategies } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: PREVALENCE_TITLE,
    config: CHART_CONFIG,
    width: 420,
    height: { step: BAR, for: 'offset' },
    data: { values },
    encoding: { y, yOffset },
    layer: [
      {
        mark: { type: 'bar', height: BAR - 2 },
        encoding: {
          x: { field: 'rate', type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '.0%', tickCount: 5 }, title: 'Share of samples with ≥ 1 weakness (95% CI)' },
          color: { field: 'strategy', type: 'nominal', sort: strategies, title: 'Strategy', scale: { scheme: 'tableau10' }, legend: { orient: 'bottom', direction: 'horizontal' } },
          description: { field: 'description' },
        },
      },
      {
        mark: { type: 'rule', color: '#222', strokeWidth: 1.5, aria: false },
        encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, fontSize: 10, color: '#222', aria: false },
        encoding: { x: { field: 'high', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  };
}

/** The prevalence chart as inline SVG; a small "no data" SVG when `rows` is empty. */
export async function prevalenceChart(rows: PrevalenceRow[]): Promise<string> {
  if (rows.length === 0) return noDataSvg(PREVALENCE_TITLE);
  const spec = prevalenceSpec(rows);
  const models = new Set(rows.map((r) => r.model)).size;
  return renderSpec(spec, {
    title: PREVALENCE_TITLE,
    description: `Share of samples with at least one weakness for ${models} model(s) by strategy, with 95% confidence intervals and sample counts.`,
  });
}
